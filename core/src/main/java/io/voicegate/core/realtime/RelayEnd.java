package io.voicegate.core.realtime;

import java.util.Objects;

/** Why and how a relay ended: the reason, and the close code and reason the client was given (or gave). */
public record RelayEnd(Reason reason, int closeCode, String detail) {

    /** End reasons; {@link #code()} matches the session's end-reason vocabulary. */
    public enum Reason {
        CLIENT_CLOSED, UPSTREAM_CLOSED, UPSTREAM_ERROR, MAX_DURATION, IDLE_TIMEOUT, SLOW_CLIENT,
        SERVER_SHUTDOWN, QUOTA_EXHAUSTED, CONSENT_WITHDRAWN, ENDED_BY_USER;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** True when the relay ended because something broke rather than because someone chose to end it. */
        public boolean isFailure() {
            return this == UPSTREAM_ERROR;
        }
    }

    public RelayEnd {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
