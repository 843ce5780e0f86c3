package io.voicegate.elevenlabs;

import io.voicegate.core.postcall.WebhookRejected;
import io.voicegate.core.postcall.WebhookRejected.Reason;
import io.voicegate.core.postcall.WebhookRequest;
import io.voicegate.testkit.ElevenLabsWebhookSender;
import io.voicegate.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElevenLabsWebhookVerifierTest {

    /** Known-answer vector, shared/protocols/elevenlabs.md section 3b. */
    static final String SECRET = "wsec_test_0123456789abcdef";
    static final long T = 1739537297L;
    static final String BODY = "{\"type\":\"post_call_transcription\",\"event_timestamp\":1739537297,\"data\":"
            + "{\"agent_id\":\"agent_test\",\"conversation_id\":\"conv_test\",\"status\":\"done\"}}";
    static final String HEX = "85f3bc80b7091a32805e7f5217cda1fa0713cfa3a0e532f975b80d8bfafe3be8";
    static final String HEADER = "t=1739537297,v0=" + HEX;

    private final MutableClock clock = MutableClock.at(Instant.ofEpochSecond(T).plusSeconds(60));

    private ElevenLabsWebhookVerifier verifier(String... secrets) {
        return new ElevenLabsWebhookVerifier(List.of(secrets), clock);
    }

    private static WebhookRequest request(String header, String body) {
        var headers = header == null ? Map.<String, String>of() : Map.of("ElevenLabs-Signature", header);
        return WebhookRequest.of(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private void accepts(String header, String body) {
        assertThatCode(() -> verifier(SECRET).verify(request(header, body))).doesNotThrowAnyException();
    }

    private void rejects(String header, String body, Reason reason) {
        assertThatThrownBy(() -> verifier(SECRET).verify(request(header, body)))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void the_vector_is_valid_a_minute_later() {
        accepts(HEADER, BODY);
    }

    @Test
    void exactly_thirty_minutes_old_is_still_valid() {
        clock.set(Instant.ofEpochSecond(T + 1800));
        accepts(HEADER, BODY);
    }

    @Test
    void header_parts_may_come_in_any_order() {
        accepts("v0=" + HEX + ",t=" + T, BODY);
    }

    @Test
    void the_header_name_is_case_insensitive() {
        assertThatCode(() -> verifier(SECRET).verify(WebhookRequest.of(Map.of("elevenlabs-signature", HEADER),
                BODY.getBytes(StandardCharsets.UTF_8)))).doesNotThrowAnyException();
    }

    @Test
    void a_timestamp_within_tolerance_in_the_future_is_valid() {
        clock.set(Instant.ofEpochSecond(T).minus(Duration.ofMinutes(29)));
        accepts(HEADER, BODY);
    }

    @Test
    void any_one_of_several_v0_parts_may_match() {
        accepts("t=" + T + ",v0=" + "0".repeat(64) + ",v0=" + HEX, BODY);
    }

    @Test
    void the_test_sender_signs_the_same_way() {
        var sender = new ElevenLabsWebhookSender(java.net.http.HttpClient.newHttpClient(), SECRET, clock);
        assertThat(sender.signature(T, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(HEADER);
    }

    @Test
    void a_signature_by_any_configured_secret_is_accepted() {
        var rotating = verifier("wsec_new_secret_value", SECRET);
        assertThatCode(() -> rotating.verify(request(HEADER, BODY))).doesNotThrowAnyException();
        var newOne = "t=" + T + ",v0=" + ElevenLabsWebhookSender.hmacHex("wsec_new_secret_value", T,
                BODY.getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> rotating.verify(request(newOne, BODY))).doesNotThrowAnyException();
    }

    @Test
    void blank_or_no_secrets_are_a_configuration_error() {
        assertThatThrownBy(() -> verifier()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_string_shows_no_secret() {
        assertThat(verifier(SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void missing_header() {
        rejects(null, BODY, Reason.MISSING_SIGNATURE);
    }

    @Test
    void malformed_header_without_timestamp() {
        rejects("v0=" + HEX, BODY, Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void malformed_header_without_v0_part() {
        rejects("t=" + T + ",v1=" + HEX, BODY, Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void malformed_header_with_a_space_after_the_comma() {
        rejects("t=" + T + ", v0=" + HEX, BODY, Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void malformed_header_with_a_non_numeric_timestamp() {
        rejects("t=yesterday,v0=" + HEX, BODY, Reason.MALFORMED_SIGNATURE);
        rejects("", BODY, Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void stale_timestamp_a_millisecond_past_tolerance() {
        clock.set(Instant.ofEpochSecond(T + 1800).plusMillis(1));
        rejects(HEADER, BODY, Reason.STALE);
    }

    @Test
    void timestamp_in_the_future_beyond_tolerance() {
        clock.set(Instant.ofEpochSecond(T).minus(Duration.ofHours(1)));
        rejects(HEADER, BODY, Reason.FROM_THE_FUTURE);
    }

    @Test
    void tampered_body() {
        rejects(HEADER, BODY + " ", Reason.MISMATCH);
        rejects(HEADER, BODY.replace("done", "fail"), Reason.MISMATCH);
    }

    @Test
    void tampered_timestamp() {
        rejects("t=" + (T + 1) + ",v0=" + HEX, BODY, Reason.MISMATCH);
    }

    @Test
    void uppercase_hex() {
        rejects("t=" + T + ",v0=" + HEX.toUpperCase(), BODY, Reason.MISMATCH);
    }

    @Test
    void wrong_secret() {
        var header = "t=" + T + ",v0=" + ElevenLabsWebhookSender.hmacHex("wsec_someone_else", T,
                BODY.getBytes(StandardCharsets.UTF_8));
        rejects(header, BODY, Reason.MISMATCH);
    }

    @Test
    void every_rejection_is_unauthenticated_and_names_no_secret() {
        assertThatThrownBy(() -> verifier(SECRET).verify(request("t=" + T + ",v0=00", BODY)))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.kind()).isEqualTo(io.voicegate.core.VoicegateException.Kind.UNAUTHENTICATED);
                    assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(HEX);
                });
    }
}
