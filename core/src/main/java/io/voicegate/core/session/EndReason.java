package io.voicegate.core.session;

import java.util.Locale;
import java.util.Optional;

/** Why a session ended. {@link #UPSTREAM_ERROR} and {@link #CALL_INITIATION_FAILED} end it as FAILED; every other reason as ENDED. */
public enum EndReason {
    CLIENT_CLOSED, UPSTREAM_CLOSED, UPSTREAM_ERROR, MAX_DURATION, IDLE_TIMEOUT, CONSENT_WITHDRAWN, SERVER_SHUTDOWN,
    ENDED_BY_USER, QUOTA_EXHAUSTED,
    /** The client did not read fast enough and the relay gave up on it. */
    SLOW_CLIENT,
    /** The process that held the session stopped without closing it (found at start-up). */
    INTERRUPTED,
    /** The provider reported that the call could not be started (busy, no answer, ...). */
    CALL_INITIATION_FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EndReason> parse(String text) {
        for (var reason : values()) {
            if (reason.wire().equals(text)) return Optional.of(reason);
        }
        return Optional.empty();
    }

    SessionStatus endsAs() {
        return this == UPSTREAM_ERROR || this == CALL_INITIATION_FAILED ? SessionStatus.FAILED : SessionStatus.ENDED;
    }
}
