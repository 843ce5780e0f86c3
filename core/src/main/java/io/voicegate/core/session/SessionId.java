package io.voicegate.core.session;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The identity of one voice session. */
public record SessionId(UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses a textual UUID; empty when the text is not one (a malformed id is answered like an unknown one). */
    public static Optional<SessionId> parse(String text) {
        if (text == null || text.length() != 36) return Optional.empty();
        try {
            return Optional.of(new SessionId(UUID.fromString(text)));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
