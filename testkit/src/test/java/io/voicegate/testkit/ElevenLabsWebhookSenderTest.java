package io.voicegate.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ElevenLabsWebhookSenderTest {

    /** The known-answer vector of shared/protocols/elevenlabs.md section 3b. */
    private static final String SECRET = "wsec_test_0123456789abcdef";
    private static final long T = 1739537297L;
    private static final String BODY = "{\"type\":\"post_call_transcription\",\"event_timestamp\":1739537297,\"data\":"
            + "{\"agent_id\":\"agent_test\",\"conversation_id\":\"conv_test\",\"status\":\"done\"}}";
    private static final String HEADER = "t=1739537297,v0=85f3bc80b7091a32805e7f5217cda1fa0713cfa3a0e532f975b80d8bfafe3be8";

    private final ElevenLabsWebhookSender sender = new ElevenLabsWebhookSender(HttpClient.newHttpClient(), SECRET,
            MutableClock.at(Instant.ofEpochSecond(T + 60)));

    @Test
    void signs_exactly_like_elevenlabs() {
        assertThat(BODY.getBytes(StandardCharsets.UTF_8)).hasSize(142);
        assertThat(sender.signature(T, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(HEADER);
    }

    @Test
    void payloads_carry_the_documented_fields() throws Exception {
        var json = new ObjectMapper();
        var transcription = json.readTree(sender.transcription("agent_1", "conv_1", Optional.of("ref"),
                List.of(new ElevenLabsWebhookSender.Line("agent", "Hi", 0)), 22, 296));
        assertThat(transcription.get("type").asText()).isEqualTo("post_call_transcription");
        assertThat(transcription.get("event_timestamp").asLong()).isEqualTo(T + 60);
        assertThat(transcription.at("/data/transcript/0/message").asText()).isEqualTo("Hi");
        assertThat(transcription.at("/data/metadata/call_duration_secs").asInt()).isEqualTo(22);
        assertThat(transcription.at("/data/conversation_initiation_client_data/dynamic_variables/voicegate_session_ref").asText())
                .isEqualTo("ref");
        var audio = json.readTree(sender.audio("agent_1", "conv_1", new byte[]{1, 2, 3}));
        assertThat(audio.at("/data/full_audio").asText()).isEqualTo("AQID");
        var failure = json.readTree(sender.initiationFailure("agent_1", "conv_1", "busy"));
        assertThat(failure.at("/data/failure_reason").asText()).isEqualTo("busy");
    }

    @Test
    void does_not_show_its_secret() {
        assertThat(sender.toString()).doesNotContain(SECRET);
    }
}
