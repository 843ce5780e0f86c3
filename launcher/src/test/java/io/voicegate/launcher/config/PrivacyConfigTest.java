package io.voicegate.launcher.config;

import io.voicegate.core.consent.Purpose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivacyConfigTest {

    @Test
    void defaults_ask_for_version_1_keep_sessions_90_days_audit_730_and_sweep_hourly() {
        var config = PrivacyConfig.from(new Env(Map.of()));
        assertThat(config.consentPolicy().requiredVersion(Purpose.VOICE_PROCESSING)).isEqualTo(1);
        assertThat(config.consentPolicy().requiredVersion(Purpose.TRANSCRIPT_STORAGE)).isEqualTo(1);
        assertThat(config.ipHashKey()).isEmpty();
        assertThat(config.retentionPolicy().sessions()).isEqualTo(Duration.ofDays(90));
        assertThat(config.retentionPolicy().audit()).isEqualTo(Duration.ofDays(730));
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void every_variable_is_read() {
        var config = PrivacyConfig.from(new Env(Map.of(
                "CONSENT_VERSION_VOICE_PROCESSING", "3", "CONSENT_VERSION_TRANSCRIPT_STORAGE", "2",
                "AUDIT_IP_HASH_KEY", "k".repeat(40), "RETENTION_SESSIONS_DAYS", "30", "RETENTION_AUDIT_DAYS", "1095",
                "RETENTION_SWEEP_MINUTES", "15")));
        assertThat(config.consentPolicy().requiredVersion(Purpose.VOICE_PROCESSING)).isEqualTo(3);
        assertThat(config.consentPolicy().requiredVersion(Purpose.TRANSCRIPT_STORAGE)).isEqualTo(2);
        assertThat(config.ipHashKey()).hasValueSatisfying(k -> assertThat(k).hasSize(40));
        assertThat(config.sessionRetentionDays()).isEqualTo(30);
        assertThat(config.auditRetentionDays()).isEqualTo(1095);
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.toString()).doesNotContain("kkkk");
        assertThat(LauncherConfig.variables()).contains(PrivacyConfig.AUDIT_IP_HASH_KEY, PrivacyConfig.RETENTION_SWEEP_MINUTES);
    }

    @Test
    void bad_values_name_the_variable_and_never_echo_the_key() {
        assertThatThrownBy(() -> PrivacyConfig.from(new Env(Map.of("RETENTION_AUDIT_DAYS", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("RETENTION_AUDIT_DAYS");
        assertThatThrownBy(() -> PrivacyConfig.from(new Env(Map.of("CONSENT_VERSION_VOICE_PROCESSING", "v2"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CONSENT_VERSION_VOICE_PROCESSING");
        assertThatThrownBy(() -> PrivacyConfig.from(new Env(Map.of("AUDIT_IP_HASH_KEY", "short-secret"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AUDIT_IP_HASH_KEY")
                .hasMessageNotContaining("short-secret");
    }
}
