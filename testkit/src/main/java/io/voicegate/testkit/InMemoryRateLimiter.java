package io.voicegate.testkit;

import io.voicegate.core.limits.RateDecision;
import io.voicegate.core.limits.RateLimit;
import io.voicegate.core.limits.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Fixed-window counts in a plain map, on an injected clock. Thread-safe; never forgets (tests only). */
public final class InMemoryRateLimiter implements RateLimiter {

    private record Window(Instant start, int count) {
    }

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    public InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized RateDecision acquire(String bucket, RateLimit limit) {
        var now = clock.instant();
        var window = current(bucket, limit, now);
        if (window.count() >= limit.events()) return RateDecision.refuse(Duration.between(now, window.start().plus(limit.window())));
        windows.put(bucket, new Window(window.start(), window.count() + 1));
        return RateDecision.allow();
    }

    @Override
    public synchronized RateDecision peek(String bucket, RateLimit limit) {
        var now = clock.instant();
        var window = current(bucket, limit, now);
        return window.count() >= limit.events()
                ? RateDecision.refuse(Duration.between(now, window.start().plus(limit.window())))
                : RateDecision.allow();
    }

    @Override
    public synchronized void reset(String bucket) {
        windows.remove(bucket);
    }

    private Window current(String bucket, RateLimit limit, Instant now) {
        var window = windows.get(bucket);
        if (window == null || !now.isBefore(window.start().plus(limit.window()))) return new Window(now, 0);
        return window;
    }
}
