package io.voicegate.elevenlabs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RelayProtocol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an ElevenLabs relay does with each frame, frame by frame, as the bridge asks it. */
class ElevenLabsRelayProtocolTest {

    private static final Map<String, String> VARIABLES = Map.of("voicegate_session_ref", "AAAAAAAAAAAAAAAAAAAAAA",
            "user_pseudonym", "psn_1", "user_name", "Ada");
    private static final String AUDIO = "{\"user_audio_chunk\":\"AAAA\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> conversations = new ArrayList<>();
    private final RelayProtocol protocol = ElevenLabsRelayProtocol.of(VARIABLES, conversations::add);

    /** What goes upstream for a client frame, as the bridge decides it. */
    private List<String> upstreamFor(String frame) {
        var meaning = protocol.reader().fromClient(frame);
        if (meaning instanceof FrameMeaning.Withheld) return List.of();
        if (meaning instanceof FrameMeaning.SessionConfiguration) return protocol.policy().review(frame).toUpstream();
        return List.of(frame);
    }

    @Test
    void sets_voicegates_variables_over_the_clients_in_its_initiation_and_keeps_the_rest() throws Exception {
        var sent = upstreamFor("{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"user_name\":\"Mallory\","
                + "\"voicegate_session_ref\":\"BBBBBBBBBBBBBBBBBBBBBB\",\"topic\":\"billing\"},"
                + "\"conversation_config_override\":{\"agent\":{\"language\":\"de\"}}}");

        assertThat(sent).hasSize(1);
        var initiation = json.readTree(sent.get(0));
        assertThat(initiation.path("type").asText()).isEqualTo("conversation_initiation_client_data");
        assertThat(json.convertValue(initiation.path("dynamic_variables"), Map.class)).isEqualTo(Map.of(
                "voicegate_session_ref", "AAAAAAAAAAAAAAAAAAAAAA", "user_pseudonym", "psn_1", "user_name", "Ada",
                "topic", "billing"));
        assertThat(initiation.at("/conversation_config_override/agent/language").asText()).isEqualTo("de");
        assertThat(upstreamFor(AUDIO)).containsExactly(AUDIO);
    }

    @Test
    void sends_an_initiation_for_a_client_that_starts_with_anything_else() throws Exception {
        var sent = upstreamFor(AUDIO);

        assertThat(sent).hasSize(2);
        var initiation = json.readTree(sent.get(0));
        assertThat(initiation.path("type").asText()).isEqualTo("conversation_initiation_client_data");
        assertThat(json.convertValue(initiation.path("dynamic_variables"), Map.class)).isEqualTo(VARIABLES);
        assertThat(sent.get(1)).isEqualTo(AUDIO);
        assertThat(upstreamFor(AUDIO)).containsExactly(AUDIO);
        assertThat(protocol.policy().openingFrames()).isEmpty();
    }

    @Test
    void a_later_initiation_is_held_to_the_same_variables() throws Exception {
        upstreamFor(AUDIO);
        var again = upstreamFor("{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"user_name\":\"Eve\"}}");
        assertThat(json.readTree(again.get(0)).at("/dynamic_variables/user_name").asText()).isEqualTo("Ada");
    }

    @Test
    void answers_pings_itself_and_withholds_the_clients_pongs() {
        upstreamFor(AUDIO);
        var meaning = protocol.reader().fromUpstream("{\"type\":\"ping\",\"ping_event\":{\"event_id\":7,\"ping_ms\":null}}");
        assertThat(meaning).isEqualTo(new FrameMeaning.Reply("{\"type\":\"pong\",\"event_id\":7}"));
        assertThat(protocol.reader().fromClient("{\"type\":\"pong\",\"event_id\":7}")).isInstanceOf(FrameMeaning.Withheld.class);
        assertThat(upstreamFor("{\"type\":\"user_message\",\"text\":\"hi\"}")).hasSize(1);
    }

    @Test
    void reads_finished_turns_errors_and_the_conversation_id_and_ignores_the_rest() {
        var reader = protocol.reader();
        assertThat(reader.fromUpstream("{\"type\":\"conversation_initiation_metadata\",\"conversation_initiation_metadata_event\":"
                + "{\"conversation_id\":\"conv_1\",\"agent_output_audio_format\":\"pcm_16000\"}}")).isEqualTo(FrameMeaning.NOTHING);
        assertThat(conversations).containsExactly("conv_1");
        assertThat(reader.fromUpstream("{\"type\":\"user_transcript\",\"user_transcription_event\":{\"user_transcript\":\"hello\",\"event_id\":2}}"))
                .isEqualTo(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "hello", "user_transcript:2"));
        assertThat(reader.fromUpstream("{\"type\":\"agent_response\",\"agent_response_event\":{\"agent_response\":\"Hi!\",\"event_id\":3}}"))
                .isEqualTo(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, "Hi!", "agent_response:3"));
        assertThat(reader.fromUpstream("{\"type\":\"error\",\"error_event\":{\"code\":1008,\"message\":\"Missing x\",\"error_type\":\"missing_dynamic_variable\"}}"))
                .isEqualTo(new FrameMeaning.ProviderError("missing_dynamic_variable", "Missing x"));
        assertThat(reader.fromUpstream("{\"type\":\"audio\",\"audio_event\":{\"audio_base_64\":\"AAAA\",\"event_id\":3}}")).isEqualTo(FrameMeaning.NOTHING);
        assertThat(reader.fromUpstream("{\"type\":\"tentative_user_transcript\",\"tentative_user_transcription_event\":{\"user_transcript\":\"hel\"}}"))
                .isEqualTo(FrameMeaning.NOTHING);
        assertThat(reader.fromUpstream("{\"type\":\"client_tool_call\",\"client_tool_call\":{\"tool_name\":\"t\",\"tool_call_id\":\"c\"}}"))
                .as("client tools are the client's").isEqualTo(FrameMeaning.NOTHING);
        assertThat(reader.fromUpstream("not json")).isEqualTo(FrameMeaning.NOTHING);
    }

    @Test
    void a_failing_conversation_listener_does_not_stop_the_relay() {
        var failing = ElevenLabsRelayProtocol.of(VARIABLES, id -> {
            throw new IllegalStateException("database down");
        });
        assertThat(failing.reader().fromUpstream("{\"type\":\"conversation_initiation_metadata\","
                + "\"conversation_initiation_metadata_event\":{\"conversation_id\":\"conv_1\"}}")).isEqualTo(FrameMeaning.NOTHING);
    }

    @Test
    void answers_a_tool_call_with_a_string_result_and_needs_no_nudge_to_continue() {
        var call = new FrameMeaning.ToolCallRequested("toolu_1", "get_context", "{}");
        assertThat(protocol.toolReplies().output(call, "{\"ok\":true}"))
                .containsExactly("{\"type\":\"client_tool_result\",\"tool_call_id\":\"toolu_1\",\"result\":\"{\\\"ok\\\":true}\",\"is_error\":false}");
        assertThat(protocol.toolReplies().continueAfterTools()).isEmpty();
    }
}
