package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads the JSON object a {@code /openai/v1} REST route takes as its body, refusing what OpenAI refuses with the
 * error codes it uses ({@code invalid_json}, {@code missing_required_parameter}).
 */
final class OpenAiRequestBody {

    private OpenAiRequestBody() {
    }

    /** The body as a JSON object; an empty body is an empty object only when {@code emptyAllowed}. */
    static ObjectNode object(ObjectMapper mapper, byte[] raw, boolean emptyAllowed) {
        if (raw.length == 0 && emptyAllowed) return mapper.createObjectNode();
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (IOException e) {
            throw new BadRequest("invalid_json", "We could not parse the JSON body of your request.", Optional.empty());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest("invalid_json", "The request body must be a JSON object.", Optional.empty());
        }
        return object;
    }

    /** The string value of a top-level field the request must carry. */
    static String requiredText(JsonNode body, String field) {
        var value = body.path(field);
        if (value.isMissingNode() || value.isNull()) throw missing(field);
        if (!value.isTextual()) throw BadRequest.field("/" + field, "Field '" + field + "' must be a string.");
        return value.asText();
    }

    static BadRequest missing(String field) {
        return new BadRequest("missing_required_parameter", "Missing required parameter: '" + field + "'.",
                Optional.of("/" + field));
    }
}
