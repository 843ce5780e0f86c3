package io.voicegate.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.postcall.Speaker;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Failure;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Interruption;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Other;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Ping;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Started;
import io.voicegate.elevenlabs.ElevenLabsEventReader.ToolCall;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Turn;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ElevenLabsEventReaderTest {

    private final ElevenLabsEventReader reader = new ElevenLabsEventReader();

    @Test
    void reads_the_documented_server_frames() {
        assertThat(reader.read("{\"type\":\"conversation_initiation_metadata\",\"conversation_initiation_metadata_event\":"
                + "{\"conversation_id\":\"conv_01\",\"agent_output_audio_format\":\"ulaw_8000\",\"user_input_audio_format\":\"ulaw_8000\"}}"))
                .isEqualTo(new Started("conv_01", "ulaw_8000", "ulaw_8000"));
        assertThat(reader.read("{\"type\":\"user_transcript\",\"user_transcription_event\":{\"user_transcript\":\"hello\",\"event_id\":2}}"))
                .isEqualTo(new Turn(Speaker.USER, "hello", 2));
        assertThat(reader.read("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":\"Hi, how can I help?\",\"event_id\":3}}"))
                .isEqualTo(new Turn(Speaker.AGENT, "Hi, how can I help?", 3));
        assertThat(reader.read("{\"type\":\"ping\",\"ping_event\":{\"event_id\":7,\"ping_ms\":null}}")).isEqualTo(new Ping(7));
        assertThat(reader.read("{\"type\":\"client_tool_call\",\"client_tool_call\":{\"tool_name\":\"transfer\","
                + "\"tool_call_id\":\"toolu_abc\",\"parameters\":{\"dept\":\"billing\"},\"event_id\":5}}"))
                .isEqualTo(new ToolCall("transfer", "toolu_abc", "{\"dept\":\"billing\"}", 5));
        assertThat(reader.read("{\"type\":\"interruption\",\"interruption_event\":{\"event_id\":3}}")).isEqualTo(new Interruption(3));
        assertThat(reader.read("{\"type\":\"error\",\"error_event\":{\"code\":1008,\"message\":\"m\",\"error_type\":\"missing_dynamic_variable\"}}"))
                .isEqualTo(new Failure(1008, "missing_dynamic_variable", "m"));
    }

    @Test
    void audio_tentative_and_unknown_frames_are_other() {
        assertThat(reader.read("{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"AAAA\",\"event_id\":3}}")).isEqualTo(new Other("audio"));
        assertThat(reader.read("{\"type\":\"tentative_user_transcript\",\"tentative_user_transcription_event\":{\"user_transcript\":\"hel\"}}"))
                .isEqualTo(new Other("tentative_user_transcript"));
        assertThat(reader.read("{\"type\":\"something_new\"}")).isEqualTo(new Other("something_new"));
        assertThat(reader.read("nope")).isEqualTo(new Other("(not json)"));
    }

    @Test
    void pong_and_tool_result_frames_follow_the_contract() throws Exception {
        var json = new ObjectMapper();
        assertThat(json.readTree(new Ping(7).pong())).isEqualTo(json.readTree("{\"type\":\"pong\",\"event_id\":7}"));
        var result = json.readTree(reader.toolResult("toolu_abc", "{\"ok\":true}", false));
        assertThat(result.get("result").isTextual()).isTrue();
        assertThat(result.get("result").asText()).isEqualTo("{\"ok\":true}");
        assertThat(result.get("tool_call_id").asText()).isEqualTo("toolu_abc");
    }

    @Test
    void voicegate_dynamic_variables_override_the_clients() throws Exception {
        var json = new ObjectMapper();
        var frame = reader.enforceDynamicVariables("{\"type\":\"conversation_initiation_client_data\","
                + "\"dynamic_variables\":{\"voicegate_session_ref\":\"forged\",\"mood\":\"happy\"},\"user_id\":\"u\"}",
                Map.of("voicegate_session_ref", "AAAAAAAAAAAAAAAAAAAAAA"));
        var root = json.readTree(frame);
        assertThat(root.at("/dynamic_variables/voicegate_session_ref").asText()).isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(root.at("/dynamic_variables/mood").asText()).isEqualTo("happy");
        assertThat(root.get("user_id").asText()).isEqualTo("u");
        var fresh = json.readTree(reader.enforceDynamicVariables("{\"user_audio_chunk\":\"AA\"}", Map.of("k", "v")));
        assertThat(fresh.get("type").asText()).isEqualTo("conversation_initiation_client_data");
        assertThat(fresh.at("/dynamic_variables/k").asText()).isEqualTo("v");
    }
}
