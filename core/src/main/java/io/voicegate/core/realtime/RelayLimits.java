package io.voicegate.core.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of one relay: how long it may last, how long it may stay silent in both directions, how many frames
 * may be in flight towards one side before the other side is paused, and how long a side may stay that full before
 * the relay ends because that side is too slow.
 */
public record RelayLimits(Duration maxDuration, Duration idleTimeout, int window, Duration stallTimeout) {

    public RelayLimits {
        Objects.requireNonNull(maxDuration, "maxDuration");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (maxDuration.isNegative() || maxDuration.isZero()) throw new IllegalArgumentException("maxDuration must be > 0");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be > 0");
        if (window < 1) throw new IllegalArgumentException("window must be >= 1, was " + window);
    }

    /** 30 minutes, 120 s idle, 64 frames in flight, 10 s stall. */
    public static RelayLimits defaults() {
        return new RelayLimits(Duration.ofMinutes(30), Duration.ofSeconds(120), 64, Duration.ofSeconds(10));
    }
}
