package io.voicegate.testkit;

import io.voicegate.core.limits.RateLimit;
import io.voicegate.core.limits.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link RateLimiter} must do; run against the in-memory fake and the Caffeine adapter. */
public abstract class RateLimiterContract {

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");

    /** A limiter that reads time from the given clock. */
    protected abstract RateLimiter limiter(MutableClock clock);

    @Test
    void allows_up_to_the_limit_then_refuses_with_the_time_left_in_the_window() {
        var limiter = limiter(clock);
        var limit = new RateLimit(3, Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) assertThat(limiter.acquire("ip:1", limit).allowed()).isTrue();
        clock.advance(Duration.ofSeconds(20));

        var refused = limiter.acquire("ip:1", limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void a_new_window_starts_once_the_old_one_has_passed() {
        var limiter = limiter(clock);
        var limit = new RateLimit(1, Duration.ofSeconds(60));
        assertThat(limiter.acquire("u", limit).allowed()).isTrue();
        assertThat(limiter.acquire("u", limit).allowed()).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(limiter.acquire("u", limit).allowed()).isTrue();
    }

    @Test
    void buckets_are_counted_apart() {
        var limiter = limiter(clock);
        var limit = new RateLimit(1, Duration.ofSeconds(60));
        assertThat(limiter.acquire("a", limit).allowed()).isTrue();
        assertThat(limiter.acquire("b", limit).allowed()).isTrue();
        assertThat(limiter.acquire("a", limit).allowed()).isFalse();
    }

    @Test
    void peek_does_not_count_and_reset_forgets() {
        var limiter = limiter(clock);
        var limit = new RateLimit(1, Duration.ofSeconds(60));
        assertThat(limiter.peek("k", limit).allowed()).isTrue();
        assertThat(limiter.peek("k", limit).allowed()).isTrue();
        limiter.acquire("k", limit);
        assertThat(limiter.peek("k", limit).allowed()).isFalse();
        limiter.reset("k");
        assertThat(limiter.peek("k", limit).allowed()).isTrue();
    }
}
