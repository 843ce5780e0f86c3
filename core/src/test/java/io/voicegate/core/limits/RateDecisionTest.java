package io.voicegate.core.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RateDecisionTest {

    @Test
    void a_refusal_throws_rate_limited_with_its_retry_after() {
        assertThatThrownBy(() -> RateDecision.refuse(Duration.ofSeconds(42)).orThrow("slow down"))
                .isInstanceOf(RateLimited.class)
                .hasMessage("slow down")
                .satisfies(e -> {
                    var limited = (RateLimited) e;
                    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(42));
                    assertThat(limited.kind()).isEqualTo(io.voicegate.core.VoicegateException.Kind.RATE_LIMITED);
                });
    }

    @Test
    void an_allowance_does_not_throw() {
        assertThatNoException().isThrownBy(() -> RateDecision.allow().orThrow("never"));
    }

    @Test
    void a_limit_needs_at_least_one_event_and_a_positive_window() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
