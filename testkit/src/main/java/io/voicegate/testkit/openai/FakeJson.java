package io.voicegate.testkit.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Map;

/** JSON helpers of the fake: OpenAI-style ids, error bodies, deep merge. */
final class FakeJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private FakeJson() {
    }

    /** An OpenAI-looking id: the prefix and 21 alphanumerics, e.g. {@code event_Ct1OVqJmiaDhg4nkh3JWr}. */
    static String id(String prefix) {
        var chars = new char[21];
        for (int i = 0; i < chars.length; i++) chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return prefix + new String(chars);
    }

    static String hex(int bytes) {
        var sb = new StringBuilder();
        for (int i = 0; i < bytes; i++) sb.append(String.format("%02x", RANDOM.nextInt(256)));
        return sb.toString();
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level {@code type} string of an event, or "" when absent or not JSON. */
    static String typeOf(String frame) {
        try (var parser = FACTORY.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                var name = parser.currentName();
                var token = parser.nextToken();
                if ("type".equals(name) && token == JsonToken.VALUE_STRING) return parser.getText();
                parser.skipChildren();
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    /** OpenAI's REST error body. */
    static ObjectNode errorBody(String message, String type, String param, String code) {
        var error = object();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        var body = object();
        body.set("error", error);
        return body;
    }

    /** Merges {@code patch} into {@code target}: objects recursively, everything else (arrays, null) replaced. */
    static void deepMerge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            var existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                deepMerge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
