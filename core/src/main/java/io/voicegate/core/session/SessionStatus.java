package io.voicegate.core.session;

import java.util.Locale;
import java.util.Optional;

/** Where a session is in its life: CREATED → ACTIVE → ENDED | EXPIRED | FAILED. */
public enum SessionStatus {
    CREATED, ACTIVE, ENDED, EXPIRED, FAILED;

    /** No transition leaves a terminal status. */
    public boolean isTerminal() {
        return this == ENDED || this == EXPIRED || this == FAILED;
    }

    /** The lower-case name used on the wire and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SessionStatus> parse(String text) {
        for (var status : values()) {
            if (status.wire().equals(text)) return Optional.of(status);
        }
        return Optional.empty();
    }
}
