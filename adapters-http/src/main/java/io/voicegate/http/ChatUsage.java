package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code usage} a chat completion, or the last chunk of a stream with {@code stream_options.include_usage},
 * reports: prompt and completion tokens, and the model the answer names ({@code ""} when it names none).
 */
record ChatUsage(String model, long promptTokens, long completionTokens) {

    /**
     * Empty when the JSON is not an object with a usage object ({@code "usage": null} on ordinary chunks) that counts
     * prompt or completion tokens; a count that is absent or not a non-negative integer reads as 0.
     */
    static Optional<ChatUsage> in(ObjectMapper mapper, byte[] json) {
        JsonNode answer;
        try {
            answer = mapper.readTree(json);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        if (answer == null) return Optional.empty();
        var usage = answer.path("usage");
        long prompt = count(usage, "prompt_tokens");
        long completion = count(usage, "completion_tokens");
        if (!usage.isObject() || prompt < 0 && completion < 0) return Optional.empty();
        var model = answer.path("model");
        return Optional.of(new ChatUsage(model.isTextual() ? model.asText() : "", Math.max(0, prompt),
                Math.max(0, completion)));
    }

    /** A non-negative integer, or -1 when the field is absent or not one. */
    private static long count(JsonNode usage, String field) {
        var value = usage.path(field);
        return value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : -1;
    }
}
