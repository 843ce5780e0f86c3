package io.voicegate.core.session;

import java.util.Locale;
import java.util.Optional;

/** Who spoke a transcript turn. */
public enum TurnRole {
    USER, ASSISTANT, TOOL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TurnRole> parse(String text) {
        for (var role : values()) {
            if (role.wire().equals(text)) return Optional.of(role);
        }
        return Optional.empty();
    }
}
