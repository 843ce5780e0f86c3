package io.voicegate.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voicegate.core.limits.RateDecision;
import io.voicegate.core.limits.RateLimit;
import io.voicegate.core.limits.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The default {@link RateLimiter}: fixed windows counted in a Caffeine cache that forgets idle buckets and holds at
 * most {@code maxBuckets} of them, so a flood of distinct addresses cannot exhaust memory. Per instance only.
 * Thread-safe.
 */
public final class CaffeineRateLimiter implements RateLimiter {

    private record Window(Instant start, int count) {
    }

    private final Clock clock;
    private final Cache<String, Window> windows;

    /** @param longestWindow the longest window any caller uses; idle buckets are forgotten after it */
    public CaffeineRateLimiter(Clock clock, Duration longestWindow, long maxBuckets) {
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .expireAfterAccess(longestWindow)
                .maximumSize(maxBuckets)
                .ticker(() -> {
                    var now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .build();
    }

    @Override
    public RateDecision acquire(String bucket, RateLimit limit) {
        var now = clock.instant();
        var decision = new RateDecision[1];
        windows.asMap().compute(bucket, (key, window) -> {
            var current = window == null || !now.isBefore(window.start().plus(limit.window())) ? new Window(now, 0) : window;
            if (current.count() >= limit.events()) {
                decision[0] = RateDecision.refuse(Duration.between(now, current.start().plus(limit.window())));
                return current;
            }
            decision[0] = RateDecision.allow();
            return new Window(current.start(), current.count() + 1);
        });
        return decision[0];
    }

    @Override
    public RateDecision peek(String bucket, RateLimit limit) {
        var now = clock.instant();
        var window = windows.getIfPresent(bucket);
        if (window == null || !now.isBefore(window.start().plus(limit.window())) || window.count() < limit.events()) {
            return RateDecision.allow();
        }
        return RateDecision.refuse(Duration.between(now, window.start().plus(limit.window())));
    }

    @Override
    public void reset(String bucket) {
        windows.invalidate(bucket);
    }
}
