package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.tools.Tool;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's policy applied to a client's realtime session config (client secrets, calls). */
class OpenAiSessionConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tool getContext = new Tool("get_context", "What Voicegate knows about the caller.",
            "{\"type\":\"object\",\"properties\":{}}", call -> "{}");
    private final OpenAiRestSettings settings = new OpenAiRestSettings(List.of("gpt-realtime", "gpt-realtime-mini"),
            "marin", "Be brief.", List.of(getContext), "gpt-4o-mini-transcribe", Duration.ofSeconds(60), RelayLimits.defaults());

    private com.fasterxml.jackson.databind.node.ObjectNode enforce(String json, Optional<String> model) throws Exception {
        return OpenAiSessionConfig.enforce(json == null ? null : JSON.readTree(json), "/session", settings, model);
    }

    @Test
    void fills_in_the_default_model_and_the_locked_fields() throws Exception {
        var session = enforce(null, Optional.empty());
        assertThat(session.path("type").asText()).isEqualTo("realtime");
        assertThat(session.path("model").asText()).isEqualTo("gpt-realtime");
        assertThat(session.path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(session.at("/audio/output/voice").asText()).isEqualTo("marin");
        assertThat(session.at("/audio/input/transcription/model").asText()).isEqualTo("gpt-4o-mini-transcribe");
        assertThat(session.at("/tools/0/name").asText()).isEqualTo("get_context");
    }

    @Test
    void overwrites_locked_fields_and_keeps_the_clients_other_choices() throws Exception {
        var session = enforce("{\"type\":\"realtime\",\"model\":\"gpt-realtime-mini\",\"instructions\":\"Be rude.\","
                + "\"audio\":{\"output\":{\"voice\":\"echo\",\"speed\":1.2},\"input\":{\"format\":{\"type\":\"audio/pcmu\"}}},"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"get_context\",\"description\":\"spoofed\"},"
                + "{\"type\":\"function\",\"name\":\"get_weather\"}]}", Optional.empty());
        assertThat(session.path("model").asText()).isEqualTo("gpt-realtime-mini");
        assertThat(session.path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(session.at("/audio/output/voice").asText()).isEqualTo("marin");
        assertThat(session.at("/audio/output/speed").asDouble()).isEqualTo(1.2);
        assertThat(session.at("/audio/input/format/type").asText()).isEqualTo("audio/pcmu");
        assertThat(session.path("tools")).hasSize(2);
        assertThat(session.at("/tools/0/description").asText()).isEqualTo("What Voicegate knows about the caller.");
        assertThat(session.at("/tools/1/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void refuses_a_model_outside_the_allow_list_or_other_than_the_sessions() {
        assertThatThrownBy(() -> enforce("{\"model\":\"gpt-4o-realtime-preview\"}", Optional.empty()))
                .isInstanceOfSatisfying(BadRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("model_not_allowed");
                    assertThat(e.pointer()).contains("/session/model");
                });
        assertThatThrownBy(() -> enforce("{\"model\":\"gpt-realtime-mini\"}", Optional.of("gpt-realtime")))
                .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.code()).isEqualTo("model_not_allowed"));
    }

    @Test
    void refuses_other_session_types_and_shapes() {
        assertThatThrownBy(() -> enforce("{\"type\":\"transcription\"}", Optional.empty()))
                .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.pointer()).contains("/session/type"));
        assertThatThrownBy(() -> enforce("[1]", Optional.empty()))
                .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.pointer()).contains("/session"));
        assertThatThrownBy(() -> enforce("{\"model\":42}", Optional.empty()))
                .isInstanceOfSatisfying(BadRequest.class, e -> assertThat(e.pointer()).contains("/session/model"));
    }
}
