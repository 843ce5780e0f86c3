package io.voicegate.core.limits;

import java.time.Duration;
import java.util.Objects;

/** How many events one bucket may see within one window, e.g. 10 per 60 seconds. */
public record RateLimit(int events, Duration window) {

    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (events < 1) throw new IllegalArgumentException("events must be >= 1, was " + events);
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
    }

    public static RateLimit perMinute(int events) {
        return new RateLimit(events, Duration.ofMinutes(1));
    }
}
