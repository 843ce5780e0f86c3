package io.voicegate.elevenlabs;

import io.voicegate.core.postcall.Cost;
import io.voicegate.core.postcall.MalformedWebhook;
import io.voicegate.core.postcall.PostCallEvent;
import io.voicegate.core.postcall.ReportedTurn;
import io.voicegate.core.postcall.Speaker;
import io.voicegate.core.session.SessionRef;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElevenLabsPostCallParserTest {

    /** The documented example (protocol doc 3c) plus fields ElevenLabs may add without notice. */
    private static final String TRANSCRIPTION = """
            {"type":"post_call_transcription","event_timestamp":1739537297,"brand_new_top_level":{"x":1},
             "data":{
              "agent_id":"agent_123","conversation_id":"conv_abc","status":"done","user_id":"user-123",
              "has_audio":true,"has_user_audio":true,"has_response_audio":true,
              "transcript":[
                {"role":"agent","message":"Hey there. How are you?","tool_calls":null,"tool_results":null,
                 "feedback":null,"time_in_call_secs":0,"conversation_turn_metrics":null,"interrupted":false},
                {"role":"user","message":"Fine, thanks.","time_in_call_secs":2.5,"source_medium":"audio"},
                {"role":"agent","message":null,"tool_calls":[{"tool_name":"get_context"}],"time_in_call_secs":3},
                {"role":"system","message":"ignored","time_in_call_secs":4}],
              "metadata":{"start_time_unix_secs":1739537275,"call_duration_secs":22,"cost":296,
                "termination_reason":"","main_language":"en","phone_call":null,
                "feedback":{"overall_score":null,"likes":0,"dislikes":0},"charging":{"dev_discount":true},
                "features_usage":{"anything":true}},
              "analysis":{"call_successful":"success","transcript_summary":"..."},
              "conversation_initiation_client_data":{"conversation_config_override":{"agent":{"language":"en"}},
                "custom_llm_extra_body":{},"dynamic_variables":{"user_name":"angelo",
                "voicegate_session_ref":"AAAAAAAAAAAAAAAAAAAAAA"}}}}
            """;

    private final ElevenLabsPostCallParser parser = new ElevenLabsPostCallParser();

    private PostCallEvent parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_a_transcription_into_a_report() {
        var report = (PostCallEvent.Report) parse(TRANSCRIPTION);
        assertThat(report.call().provider()).isEqualTo("elevenlabs");
        assertThat(report.call().conversationId()).isEqualTo("conv_abc");
        assertThat(report.call().sessionRef()).contains(new SessionRef("AAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(report.occurredAt()).isEqualTo(Instant.ofEpochSecond(1739537297));
        assertThat(report.status()).isEqualTo("done");
        assertThat(report.turns()).containsExactly(
                new ReportedTurn(Speaker.AGENT, "Hey there. How are you?", Duration.ZERO),
                new ReportedTurn(Speaker.USER, "Fine, thanks.", Duration.ofMillis(2500)));
        assertThat(report.startedAt()).contains(Instant.ofEpochSecond(1739537275));
        assertThat(report.duration()).contains(Duration.ofSeconds(22));
        assertThat(report.cost()).contains(new Cost(new BigDecimal("296"), "credits"));
        assertThat(report.hasAudio()).isTrue();
        assertThat(report.eventKey()).isEqualTo("elevenlabs:report:conv_abc");
    }

    @Test
    void a_minimal_transcription_leaves_the_optional_figures_empty() {
        var report = (PostCallEvent.Report) parse(
                "{\"type\":\"post_call_transcription\",\"event_timestamp\":1,\"data\":{\"conversation_id\":\"c\"}}");
        assertThat(report.turns()).isEmpty();
        assertThat(report.duration()).isEmpty();
        assertThat(report.cost()).isEmpty();
        assertThat(report.call().sessionRef()).isEmpty();
        assertThat(report.hasAudio()).isFalse();
        assertThat(report.status()).isEqualTo("unknown");
    }

    @Test
    void a_malformed_session_reference_is_ignored_not_trusted() {
        var report = (PostCallEvent.Report) parse("{\"type\":\"post_call_transcription\",\"event_timestamp\":1,"
                + "\"data\":{\"conversation_id\":\"c\",\"conversation_initiation_client_data\":"
                + "{\"dynamic_variables\":{\"voicegate_session_ref\":\"../other\"}}}}");
        assertThat(report.call().sessionRef()).isEmpty();
    }

    @Test
    void reads_audio_as_mp3_bytes() {
        var audio = (PostCallEvent.Audio) parse("{\"type\":\"post_call_audio\",\"event_timestamp\":1739537319,"
                + "\"data\":{\"agent_id\":\"agent_123\",\"conversation_id\":\"conv_abc\",\"full_audio\":\"SUQz\"}}");
        assertThat(audio.bytes()).isEqualTo("ID3".getBytes(StandardCharsets.US_ASCII));
        assertThat(audio.mediaType()).isEqualTo("audio/mpeg");
        assertThat(audio.eventKey()).isEqualTo("elevenlabs:audio:conv_abc");
    }

    @Test
    void reads_an_initiation_failure_with_its_reason() {
        var failure = (PostCallEvent.InitiationFailure) parse("{\"type\":\"call_initiation_failure\","
                + "\"event_timestamp\":5,\"data\":{\"agent_id\":\"a\",\"conversation_id\":\"conv_x\","
                + "\"failure_reason\":\"busy\",\"metadata\":{\"type\":\"twilio\",\"body\":{}}}}");
        assertThat(failure.reason()).isEqualTo("busy");
        assertThat(failure.call().conversationId()).isEqualTo("conv_x");
    }

    @Test
    void unknown_types_are_unsupported_not_errors() {
        assertThat(parse("{\"type\":\"unredacted_transcript\",\"event_timestamp\":5,\"data\":{}}"))
                .isEqualTo(new PostCallEvent.Unsupported("elevenlabs", "unredacted_transcript"));
    }

    @Test
    void refuses_what_cannot_be_understood() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(MalformedWebhook.class);
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(MalformedWebhook.class);
        assertThatThrownBy(() -> parse("{\"type\":\"post_call_transcription\",\"event_timestamp\":1,\"data\":{}}"))
                .isInstanceOf(MalformedWebhook.class).hasMessageContaining("conversation_id");
        assertThatThrownBy(() -> parse("{\"type\":\"post_call_transcription\",\"data\":{\"conversation_id\":\"c\"}}"))
                .isInstanceOf(MalformedWebhook.class).hasMessageContaining("event_timestamp");
        assertThatThrownBy(() -> parse("{\"type\":\"post_call_audio\",\"event_timestamp\":1,"
                + "\"data\":{\"conversation_id\":\"c\",\"full_audio\":\"***\"}}")).isInstanceOf(MalformedWebhook.class);
    }
}
