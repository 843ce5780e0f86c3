package io.voicegate.launcher.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElevenLabsConfigTest {

    @Test
    void everything_is_off_by_default() {
        var config = ElevenLabsConfig.from(new Env(Map.of()));
        assertThat(config.api()).isEmpty();
        assertThat(config.webhookSecrets()).isEmpty();
        assertThat(config.toolSecret()).isEmpty();
        assertThat(config.webhookMaxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(config.storeAudio()).isFalse();
    }

    @Test
    void user_variables_beyond_the_minimum_are_only_those_listed_and_known() {
        assertThat(ElevenLabsConfig.from(new Env(Map.of())).userVariables()).isEmpty();
        assertThat(ElevenLabsConfig.from(new Env(Map.of("ELEVENLABS_USER_VARIABLES", "user_locale"))).userVariables())
                .containsExactly("user_locale");
        assertThatThrownBy(() -> ElevenLabsConfig.from(new Env(Map.of("ELEVENLABS_USER_VARIABLES", "user_password"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ELEVENLABS_USER_VARIABLES");
    }

    @Test
    void a_simulated_upstream_keeps_the_policy_and_gets_an_agent() {
        var config = ElevenLabsConfig.from(new Env(Map.of("ELEVENLABS_AGENT_IDS", "agent_a", "STORE_AUDIO", "true")))
                .upstream(URI.create("http://127.0.0.1:1234"), "xi-simulated");
        assertThat(config.api()).hasValueSatisfying(api -> assertThat(api.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:1234")));
        assertThat(config.agentId()).contains("agent_simulated");
        assertThat(config.allowsAgent("agent_a")).isTrue();
        assertThat(config.storeAudio()).isTrue();
    }

    @Test
    void reads_every_variable() {
        var config = ElevenLabsConfig.from(new Env(Map.of(
                "ELEVENLABS_API_KEY", "sk_live_secret", "ELEVENLABS_BASE_URL", "http://127.0.0.1:9999/",
                "ELEVENLABS_AGENT_ID", "agent_default", "ELEVENLABS_AGENT_IDS", "agent_a, agent_b",
                "ELEVENLABS_WEBHOOK_SECRETS", "wsec_new,wsec_old", "ELEVENLABS_TOOL_SECRET", "0123456789abcdef",
                "ELEVENLABS_WEBHOOK_MAX_BYTES", "1048576", "STORE_AUDIO", "true")));
        assertThat(config.api()).hasValueSatisfying(api -> {
            assertThat(api.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
            assertThat(api.apiKey()).isEqualTo("sk_live_secret");
        });
        assertThat(config.webhookSecrets()).containsExactly("wsec_new", "wsec_old");
        assertThat(config.allowsAgent("agent_default")).isTrue();
        assertThat(config.allowsAgent("agent_b")).isTrue();
        assertThat(config.allowsAgent("agent_other")).isFalse();
        assertThat(config.webhookMaxBytes()).isEqualTo(1048576);
        assertThat(config.storeAudio()).isTrue();
        assertThat(config.toString()).doesNotContain("sk_live_secret").doesNotContain("wsec_").doesNotContain("0123456789abcdef");
    }

    @Test
    void bad_values_name_the_variable_and_never_echo_secrets() {
        assertThatThrownBy(() -> ElevenLabsConfig.from(new Env(Map.of("ELEVENLABS_API_KEY", "sk_x"))))
                .hasMessageStartingWith("ELEVENLABS_AGENT_ID");
        assertThatThrownBy(() -> ElevenLabsConfig.from(new Env(Map.of("ELEVENLABS_TOOL_SECRET", "short"))))
                .hasMessageStartingWith("ELEVENLABS_TOOL_SECRET").hasMessageNotContaining("short");
        assertThatThrownBy(() -> ElevenLabsConfig.from(new Env(Map.of("ELEVENLABS_BASE_URL", "ftp://x"))))
                .hasMessageStartingWith("ELEVENLABS_BASE_URL");
        assertThatThrownBy(() -> ElevenLabsConfig.from(new Env(Map.of("STORE_AUDIO", "maybe"))))
                .hasMessageStartingWith("STORE_AUDIO");
        assertThatThrownBy(() -> ElevenLabsConfig.from(new Env(Map.of("ELEVENLABS_AGENT_IDS", "a b"))))
                .hasMessageStartingWith("ELEVENLABS_AGENT_IDS");
    }
}
