package io.voicegate.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends post-call webhooks the way ElevenLabs does: a JSON body POSTed with
 * {@code ElevenLabs-Signature: t=<unix seconds>,v0=<hex HMAC-SHA256(secret, t + "." + body)>}. Builds the three
 * payload types ({@code post_call_transcription}, {@code post_call_audio}, {@code call_initiation_failure}) and can
 * send any bytes with any header, so tests can tamper. Thread-safe.
 */
public final class ElevenLabsWebhookSender {

    public static final String SIGNATURE_HEADER = "ElevenLabs-Signature";

    /** One line of a scripted transcript. */
    public record Line(String role, String message, int timeInCallSecs) {
    }

    /** What the receiver answered. */
    public record Answer(int status, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final String secret;
    private final Clock clock;

    public ElevenLabsWebhookSender(HttpClient http, String secret, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The header value for a body signed at the given unix second. */
    public String signature(long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v0=" + hmacHex(secret, unixSeconds, body);
    }

    /** Signs the body now (by the clock) and POSTs it. */
    public Answer send(URI url, byte[] body) {
        return post(url, body, Optional.of(signature(clock.instant().getEpochSecond(), body)));
    }

    /** Signs the body now and POSTs it without a length ({@code Transfer-Encoding: chunked}), as large audio arrives. */
    public Answer sendChunked(URI url, byte[] body) {
        return exchange(url, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                Optional.of(signature(clock.instant().getEpochSecond(), body)));
    }

    /** POSTs the body with exactly this signature header (or none), for rejection tests. */
    public Answer post(URI url, byte[] body, Optional<String> signatureHeader) {
        return exchange(url, HttpRequest.BodyPublishers.ofByteArray(body), signatureHeader);
    }

    private Answer exchange(URI url, HttpRequest.BodyPublisher body, Optional<String> signatureHeader) {
        var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body);
        signatureHeader.ifPresent(value -> request.header(SIGNATURE_HEADER, value));
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a webhook", e);
        }
    }

    /** A {@code post_call_transcription} body; {@code sessionRef} is echoed as dynamic variable when present. */
    public byte[] transcription(String agentId, String conversationId, Optional<String> sessionRef, List<Line> lines,
                                int durationSecs, int cost) {
        var root = envelope("post_call_transcription");
        var data = root.putObject("data").put("agent_id", agentId).put("conversation_id", conversationId)
                .put("status", "done").put("has_audio", true).put("has_user_audio", true).put("has_response_audio", true);
        var transcript = data.putArray("transcript");
        for (var line : lines) {
            transcript.addObject().put("role", line.role()).put("message", line.message()).putNull("tool_calls")
                    .putNull("tool_results").putNull("feedback").put("time_in_call_secs", line.timeInCallSecs())
                    .putNull("conversation_turn_metrics").put("interrupted", false);
        }
        var metadata = data.putObject("metadata").put("start_time_unix_secs", clock.instant().getEpochSecond() - durationSecs)
                .put("call_duration_secs", durationSecs).put("cost", cost).put("termination_reason", "")
                .put("main_language", "en");
        metadata.putObject("charging").put("dev_discount", true);
        data.putObject("analysis").put("call_successful", "success").put("transcript_summary", "A short test call.");
        var initiation = data.putObject("conversation_initiation_client_data");
        var variables = initiation.putObject("dynamic_variables");
        sessionRef.ifPresent(ref -> variables.put("voicegate_session_ref", ref));
        return bytes(root);
    }

    /** A {@code post_call_audio} body carrying the audio base64-encoded as {@code full_audio}. */
    public byte[] audio(String agentId, String conversationId, byte[] mp3) {
        var root = envelope("post_call_audio");
        root.putObject("data").put("agent_id", agentId).put("conversation_id", conversationId)
                .put("full_audio", Base64.getEncoder().encodeToString(mp3));
        return bytes(root);
    }

    /** A {@code call_initiation_failure} body (its shape is unconfirmed upstream; modelled as the protocol doc says). */
    public byte[] initiationFailure(String agentId, String conversationId, String reason) {
        var root = envelope("call_initiation_failure");
        var data = root.putObject("data").put("agent_id", agentId).put("conversation_id", conversationId)
                .put("failure_reason", reason);
        data.putObject("metadata").put("type", "twilio").putObject("body");
        return bytes(root);
    }

    /** HMAC-SHA256 over {@code t + "." + body}, lowercase hex, as ElevenLabs computes it. */
    public static String hmacHex(String secret, long unixSeconds, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private ObjectNode envelope(String type) {
        return json.createObjectNode().put("type", type).put("event_timestamp", clock.instant().getEpochSecond());
    }

    private byte[] bytes(ObjectNode root) {
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "ElevenLabsWebhookSender[secret=***]";
    }
}
