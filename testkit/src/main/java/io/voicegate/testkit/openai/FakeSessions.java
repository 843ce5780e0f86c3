package io.voicegate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/** The GA session object: defaults as real {@code session.created} frames show them, and validation of updates. */
final class FakeSessions {

    /** Top-level fields of the retired beta session shape; GA answers them with {@code unknown_parameter}. */
    private static final List<String> BETA_FIELDS = List.of("modalities", "voice", "input_audio_format", "output_audio_format",
            "input_audio_transcription", "turn_detection", "temperature", "max_response_output_tokens");

    /** A refusal: error code, the parameter it concerns, and the message. */
    record Problem(String code, String param, String message) {
    }

    private FakeSessions() {
    }

    static ObjectNode defaults(String model, boolean transcription, long expiresAt) {
        var session = FakeJson.object();
        session.put("type", transcription ? "transcription" : "realtime");
        session.put("object", transcription ? "realtime.transcription_session" : "realtime.session");
        session.put("id", FakeJson.id("sess_"));
        if (!transcription) {
            session.put("model", model);
            session.set("output_modalities", FakeJson.array().add("audio"));
            session.put("instructions", "You are a simulated assistant.");
            session.set("tools", FakeJson.array());
            session.put("tool_choice", "auto");
            session.put("max_output_tokens", "inf");
            session.putNull("tracing");
            session.put("truncation", "auto");
            session.putNull("prompt");
        }
        session.put("expires_at", expiresAt);
        var input = FakeJson.object();
        input.set("format", pcm());
        input.putNull("transcription");
        input.putNull("noise_reduction");
        var vad = FakeJson.object();
        vad.put("type", "server_vad");
        vad.put("threshold", 0.5);
        vad.put("prefix_padding_ms", 300);
        vad.put("silence_duration_ms", 200);
        vad.putNull("idle_timeout_ms");
        vad.put("create_response", true);
        vad.put("interrupt_response", true);
        input.set("turn_detection", vad);
        var audio = FakeJson.object();
        audio.set("input", input);
        if (!transcription) {
            var output = FakeJson.object();
            output.set("format", pcm());
            output.put("voice", "alloy");
            output.put("speed", 1.0);
            audio.set("output", output);
        }
        session.set("audio", audio);
        session.putNull("include");
        return session;
    }

    /** Checks a GA session config as {@code session.update} or {@code client_secrets} receive it. */
    static Optional<Problem> validate(JsonNode session, String path) {
        if (session == null || !session.isObject()) {
            return Optional.of(new Problem("missing_required_parameter", path, "Missing required parameter: '" + path + "'."));
        }
        for (var field : BETA_FIELDS) {
            if (session.has(field)) {
                return Optional.of(new Problem("unknown_parameter", path + "." + field, "Unknown parameter: '" + path + "." + field + "'."));
            }
        }
        var type = session.get("type");
        if (type == null || !type.isTextual()) {
            return Optional.of(new Problem("missing_required_parameter", path + ".type", "Missing required parameter: '" + path + ".type'."));
        }
        if (!type.asText().equals("realtime") && !type.asText().equals("transcription")) {
            return Optional.of(new Problem("invalid_value", path + ".type",
                    "Invalid value: '" + type.asText() + "'. Supported values are: 'realtime' and 'transcription'."));
        }
        return Optional.empty();
    }

    /** Bytes of audio per millisecond in the session's input format (PCM16 24 kHz: 48; G.711: 8). */
    static int inputBytesPerMs(JsonNode session) {
        var format = session.path("audio").path("input").path("format").path("type").asText("audio/pcm");
        return format.equals("audio/pcm") ? 48 : 8;
    }

    private static ObjectNode pcm() {
        var format = FakeJson.object();
        format.put("type", "audio/pcm");
        format.put("rate", 24000);
        return format;
    }
}
