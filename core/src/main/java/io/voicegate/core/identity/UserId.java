package io.voicegate.core.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The identity of a Voicegate user. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses a textual UUID; empty when the text is not one. */
    public static Optional<UserId> parse(String text) {
        try {
            return Optional.of(new UserId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
