package io.voicegate.elevenlabs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.Cost;
import io.voicegate.core.postcall.MalformedWebhook;
import io.voicegate.core.postcall.PostCallEvent;
import io.voicegate.core.postcall.PostCallParser;
import io.voicegate.core.postcall.ReportedTurn;
import io.voicegate.core.postcall.Speaker;
import io.voicegate.core.session.SessionRef;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads ElevenLabs post-call webhooks ({@code post_call_transcription}, {@code post_call_audio},
 * {@code call_initiation_failure}) into core's {@link PostCallEvent}s. Lenient as the protocol demands: unknown
 * fields are ignored, unknown types become {@link PostCallEvent.Unsupported}, transcript lines of other roles or
 * without text are skipped. The session reference is the {@code voicegate_session_ref} dynamic variable echoed
 * under {@code conversation_initiation_client_data}. Thread-safe.
 */
public final class ElevenLabsPostCallParser implements PostCallParser {

    public static final String PROVIDER = "elevenlabs";
    public static final String SESSION_REF_VARIABLE = "voicegate_session_ref";

    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public PostCallEvent parse(byte[] verifiedBody) {
        var root = tree(verifiedBody);
        var type = root.path("type").asText("");
        var data = root.path("data");
        return switch (type) {
            case "post_call_transcription" -> report(root, data);
            case "post_call_audio" -> audio(root, data);
            case "call_initiation_failure" -> new PostCallEvent.InitiationFailure(call(data), occurredAt(root),
                    text(data.path("failure_reason")).orElse("unknown"));
            default -> new PostCallEvent.Unsupported(PROVIDER, type.isEmpty() ? "(none)" : type);
        };
    }

    private JsonNode tree(byte[] body) {
        try {
            var root = json.readTree(body);
            if (root == null || !root.isObject()) throw new MalformedWebhook("The webhook body is not a JSON object.");
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedWebhook("The webhook body is not valid JSON.");
        } catch (IOException e) {
            throw new MalformedWebhook("The webhook body could not be read.");
        }
    }

    private PostCallEvent.Report report(JsonNode root, JsonNode data) {
        var metadata = data.path("metadata");
        var turns = new ArrayList<ReportedTurn>();
        for (var line : data.path("transcript")) {
            var speaker = speaker(line.path("role").asText(""));
            var message = text(line.path("message"));
            if (speaker.isEmpty() || message.isEmpty()) continue;
            double seconds = Math.max(0, line.path("time_in_call_secs").asDouble(0));
            turns.add(new ReportedTurn(speaker.get(), message.get(), Duration.ofMillis(Math.round(seconds * 1000))));
        }
        var startedAt = wholeNumber(metadata.path("start_time_unix_secs")).map(Instant::ofEpochSecond);
        var duration = wholeNumber(metadata.path("call_duration_secs")).filter(s -> s >= 0).map(Duration::ofSeconds);
        var cost = metadata.path("cost").isNumber() && metadata.path("cost").decimalValue().signum() >= 0
                ? Optional.of(new Cost(metadata.path("cost").decimalValue(), "credits")) : Optional.<Cost>empty();
        return new PostCallEvent.Report(call(data), occurredAt(root), text(data.path("status")).orElse("unknown"),
                List.copyOf(turns), startedAt, duration, cost, data.path("has_audio").asBoolean(false));
    }

    private PostCallEvent.Audio audio(JsonNode root, JsonNode data) {
        var encoded = text(data.path("full_audio"))
                .orElseThrow(() -> new MalformedWebhook("The post_call_audio webhook carries no full_audio."));
        try {
            return new PostCallEvent.Audio(call(data), occurredAt(root), "audio/mpeg", Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhook("The post_call_audio webhook's full_audio is not base64.");
        }
    }

    private static CallRef call(JsonNode data) {
        var conversationId = text(data.path("conversation_id"))
                .orElseThrow(() -> new MalformedWebhook("The webhook names no data.conversation_id."));
        var ref = text(data.path("conversation_initiation_client_data").path("dynamic_variables").path(SESSION_REF_VARIABLE))
                .flatMap(SessionRef::parse);
        return new CallRef(PROVIDER, conversationId, ref);
    }

    private static Instant occurredAt(JsonNode root) {
        return wholeNumber(root.path("event_timestamp")).map(Instant::ofEpochSecond)
                .orElseThrow(() -> new MalformedWebhook("The webhook carries no numeric event_timestamp."));
    }

    private static Optional<Speaker> speaker(String role) {
        return switch (role) {
            case "user" -> Optional.of(Speaker.USER);
            case "agent" -> Optional.of(Speaker.AGENT);
            default -> Optional.empty();
        };
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<Long> wholeNumber(JsonNode node) {
        return node.isNumber() ? Optional.of(node.asLong()) : Optional.empty();
    }
}
