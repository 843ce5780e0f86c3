package io.voicegate.launcher.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiConfigTest {

    @Test
    void defaults_leave_openai_off_with_gpt_realtime_and_get_context() {
        var config = OpenAiConfig.from(new Env(Map.of()));
        assertThat(config.api()).isEmpty();
        assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(config.models()).containsExactly("gpt-realtime");
        assertThat(config.tools()).containsExactly("get_context");
        assertThat(config.voice()).isEmpty();
        assertThat(config.clientSecretTtl()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void reads_the_key_models_voice_tools_and_ttl() {
        var config = OpenAiConfig.from(new Env(Map.of("OPENAI_API_KEY", "sk-test-123", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1/",
                "OPENAI_REALTIME_MODELS", "gpt-realtime-mini, gpt-realtime", "OPENAI_VOICE", "cedar",
                "OPENAI_CLIENT_SECRET_TTL_SECONDS", "300")));
        assertThat(config.api()).isPresent();
        assertThat(config.api().get().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v1"));
        assertThat(config.models()).containsExactly("gpt-realtime-mini", "gpt-realtime");
        assertThat(config.voice()).isEqualTo("cedar");
        assertThat(config.clientSecretTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.toString()).doesNotContain("sk-test-123");
    }

    @Test
    void an_empty_tool_list_offers_none() {
        assertThat(OpenAiConfig.from(new Env(Map.of("OPENAI_TOOLS", ""))).tools()).isEmpty();
        assertThat(OpenAiConfig.from(new Env(Map.of("OPENAI_TOOLS", "get_context,lookup"))).tools())
                .isEqualTo(List.of("get_context", "lookup"));
    }

    @Test
    void bad_values_name_their_variable_and_never_echo_the_key() {
        assertThatThrownBy(() -> OpenAiConfig.from(new Env(Map.of("OPENAI_BASE_URL", "ftp://x"))))
                .hasMessageContaining("OPENAI_BASE_URL");
        assertThatThrownBy(() -> OpenAiConfig.from(new Env(Map.of("OPENAI_REALTIME_MODELS", "gpt realtime"))))
                .hasMessageContaining("OPENAI_REALTIME_MODELS");
        assertThatThrownBy(() -> OpenAiConfig.from(new Env(Map.of("OPENAI_CLIENT_SECRET_TTL_SECONDS", "5"))))
                .hasMessageContaining("OPENAI_CLIENT_SECRET_TTL_SECONDS");
        assertThatThrownBy(() -> OpenAiConfig.from(new Env(Map.of("OPENAI_TOOLS", "get context"))))
                .hasMessageContaining("OPENAI_TOOLS");
    }
}
