package io.voicegate.core.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a {@link RateLimiter}: allowed, or refused with how long until the window that refused it passes.
 *
 * @param retryAfter zero when allowed
 */
public record RateDecision(boolean allowed, Duration retryAfter) {

    public RateDecision {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) throw new IllegalArgumentException("retryAfter must not be negative");
    }

    public static RateDecision allow() {
        return new RateDecision(true, Duration.ZERO);
    }

    public static RateDecision refuse(Duration retryAfter) {
        return new RateDecision(false, retryAfter);
    }

    /** Throws {@link RateLimited} when refused. */
    public void orThrow(String clientSafeMessage) {
        if (!allowed) throw new RateLimited(clientSafeMessage, retryAfter);
    }
}
