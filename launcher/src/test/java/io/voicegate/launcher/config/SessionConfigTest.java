package io.voicegate.launcher.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionConfigTest {

    @Test
    void defaults_are_30_s_sweeps_30_min_sessions_2_min_idle_and_two_concurrent_sessions_without_daily_limits() {
        var config = SessionConfig.from(new Env(Map.of()));
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.policy().maxDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.policy().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.quotas().concurrentSessions()).isEqualTo(2);
        assertThat(config.quotas().dailyMinutes()).isEmpty();
        assertThat(config.quotas().dailyCostUsd()).isEmpty();
        assertThat(config.pricing().isPriced("openai", "gpt-realtime")).isTrue();
    }

    @Test
    void reads_quotas_and_prices() {
        var config = SessionConfig.from(new Env(Map.of("QUOTA_DAILY_MINUTES", "60", "QUOTA_DAILY_COST_USD", "2.5",
                "QUOTA_CONCURRENT_SESSIONS", "5", "USAGE_PRICES", "elevenlabs/*:audio_minute_in=0.1")));
        assertThat(config.quotas().dailyMinutes()).contains(60);
        assertThat(config.quotas().dailyCostUsd()).isEqualTo(Optional.of(2.5));
        assertThat(config.quotas().concurrentSessions()).isEqualTo(5);
        assertThat(config.pricing().isPriced("elevenlabs", "")).isTrue();
    }

    @Test
    void a_bad_value_names_its_variable() {
        assertThatThrownBy(() -> SessionConfig.from(new Env(Map.of("SESSION_MAX_SECONDS", "forever"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SESSION_MAX_SECONDS");
        assertThatThrownBy(() -> SessionConfig.from(new Env(Map.of("QUOTA_CONCURRENT_SESSIONS", "0"))))
                .hasMessageStartingWith("QUOTA_CONCURRENT_SESSIONS");
        assertThatThrownBy(() -> SessionConfig.from(new Env(Map.of("QUOTA_DAILY_COST_USD", "-1"))))
                .hasMessageStartingWith("QUOTA_DAILY_COST_USD");
        assertThatThrownBy(() -> SessionConfig.from(new Env(Map.of("USAGE_PRICES", "openai:1"))))
                .hasMessageStartingWith("USAGE_PRICES");
    }
}
