package io.voicegate.http;

import io.voicegate.core.limits.RateLimiter;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.RateLimiterContract;

import java.time.Duration;

class CaffeineRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter limiter(MutableClock clock) {
        return new CaffeineRateLimiter(clock, Duration.ofMinutes(15), 10_000);
    }
}
