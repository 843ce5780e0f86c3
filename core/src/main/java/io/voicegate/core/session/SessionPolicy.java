package io.voicegate.core.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits of every session: the longest a session may stay connected, and how long it may stay silent before
 * the relay ends it with {@link EndReason#IDLE_TIMEOUT} (enforced where the frames flow).
 */
public record SessionPolicy(Duration maxDuration, Duration idleTimeout) {

    public SessionPolicy {
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxDuration.isNegative() || maxDuration.isZero()) throw new IllegalArgumentException("maxDuration must be positive");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
    }

    public static SessionPolicy defaults() {
        return new SessionPolicy(Duration.ofSeconds(1800), Duration.ofSeconds(120));
    }
}
