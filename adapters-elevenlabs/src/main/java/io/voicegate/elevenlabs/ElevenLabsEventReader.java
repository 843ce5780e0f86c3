package io.voicegate.elevenlabs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicegate.core.postcall.Speaker;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Says what a frame of the ElevenLabs conversation WebSocket means to a relay, without touching audio payloads:
 * finished transcript turns ({@code user_transcript}, {@code agent_response}), pings to answer, tool calls, barge-in,
 * errors. Also writes the few client frames a relay sends itself (pong, tool result) and enforces Voicegate's dynamic
 * variables in the client's initiation frame. Unknown types are reported as {@link Other}, never an error. Thread-safe.
 */
public final class ElevenLabsEventReader {

    /** What one server frame means. Read with {@code instanceof}. */
    public sealed interface Reading permits Started, Turn, Ping, ToolCall, Interruption, Failure, Other {
    }

    /** {@code conversation_initiation_metadata}: the conversation id and the audio formats both ways. */
    public record Started(String conversationId, String userInputFormat, String agentOutputFormat) implements Reading {
    }

    /** A finished transcript turn, with the provider's event id (one per turn, increasing). */
    public record Turn(Speaker speaker, String text, int eventId) implements Reading {
    }

    /** A ping to answer with {@link #pong()} at once; a missing pong ends the conversation (1002). */
    public record Ping(int eventId) implements Reading {
        public String pong() {
            return "{\"type\":\"pong\",\"event_id\":" + eventId + "}";
        }
    }

    /** {@code client_tool_call}: the client (or relay) must answer with a {@code client_tool_result}. */
    public record ToolCall(String toolName, String toolCallId, String parametersJson, int eventId) implements Reading {
    }

    /** The user barged in: drop agent audio of this event id or older. */
    public record Interruption(int eventId) implements Reading {
    }

    /** An {@code error} event; a close with {@code code} usually follows. */
    public record Failure(int code, String errorType, String message) implements Reading {
    }

    /** Anything else (audio, VAD scores, tentative transcripts, types added later). */
    public record Other(String type) implements Reading {
    }

    private final ObjectMapper json = new ObjectMapper();

    public Reading read(String frame) {
        Objects.requireNonNull(frame, "frame");
        // Audio frames are most of the traffic and need nothing but their type: skip parsing their payload.
        if (frame.startsWith("{\"type\":\"audio\"")) return new Other("audio");
        var root = parse(frame).orElse(null);
        if (root == null || !root.isObject()) return new Other("(not json)");
        var type = root.path("type").asText("");
        return switch (type) {
            case "conversation_initiation_metadata" -> {
                var event = root.path("conversation_initiation_metadata_event");
                yield new Started(event.path("conversation_id").asText(""),
                        event.path("user_input_audio_format").asText("pcm_16000"),
                        event.path("agent_output_audio_format").asText("pcm_16000"));
            }
            case "user_transcript" -> turn(Speaker.USER, root.path("user_transcription_event"), "user_transcript", type);
            case "agent_response" -> turn(Speaker.AGENT, root.path("agent_response_event"), "agent_response", type);
            case "ping" -> new Ping(root.path("ping_event").path("event_id").asInt());
            case "client_tool_call" -> {
                var call = root.path("client_tool_call");
                var parameters = call.path("parameters");
                yield new ToolCall(call.path("tool_name").asText(""), call.path("tool_call_id").asText(""),
                        parameters.isObject() ? parameters.toString() : "{}", call.path("event_id").asInt());
            }
            case "interruption" -> new Interruption(root.path("interruption_event").path("event_id").asInt());
            case "error" -> {
                var error = root.path("error_event");
                yield new Failure(error.path("code").asInt(1011), error.path("error_type").asText("unknown"),
                        error.path("message").asText(""));
            }
            default -> new Other(type.isEmpty() ? "(none)" : type);
        };
    }

    /**
     * The {@code type} of a frame a client sends: {@code user_audio_chunk} for an audio chunk (which has no type, and
     * whose payload is not parsed), an empty string for a frame that is not a JSON object with a type.
     */
    public String clientType(String frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.startsWith("{\"user_audio_chunk\"")) return "user_audio_chunk";
        var root = parse(frame).filter(JsonNode::isObject).orElse(null);
        if (root == null) return "";
        if (root.has("user_audio_chunk")) return "user_audio_chunk";
        return root.path("type").asText("");
    }

    /** A {@code client_tool_result} frame; {@code resultJson} is sent as a string, as the contract says. */
    public String toolResult(String toolCallId, String resultJson, boolean isError) {
        var frame = json.createObjectNode().put("type", "client_tool_result").put("tool_call_id", toolCallId)
                .put("result", resultJson).put("is_error", isError);
        return frame.toString();
    }

    /**
     * The client's {@code conversation_initiation_client_data} frame with Voicegate's dynamic variables set over any
     * the client sent; a frame that is not an initiation frame gets a fresh one with only these variables.
     */
    public String enforceDynamicVariables(String clientFrame, Map<String, String> variables) {
        var root = parse(clientFrame).filter(JsonNode::isObject)
                .filter(n -> "conversation_initiation_client_data".equals(n.path("type").asText()))
                .map(ObjectNode.class::cast)
                .orElseGet(() -> json.createObjectNode().put("type", "conversation_initiation_client_data"));
        var existing = root.get("dynamic_variables");
        var target = existing instanceof ObjectNode object ? object : root.putObject("dynamic_variables");
        variables.forEach(target::put);
        return root.toString();
    }

    private Reading turn(Speaker speaker, JsonNode event, String field, String type) {
        var text = event.path(field);
        if (!text.isTextual()) return new Other(type);
        return new Turn(speaker, text.asText(), event.path("event_id").asInt());
    }

    private Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(json.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
