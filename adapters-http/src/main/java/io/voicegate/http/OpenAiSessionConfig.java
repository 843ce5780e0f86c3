package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;

/**
 * Applies the operator's policy to a GA realtime session config a client sent (client secrets, calls): the model
 * must be on the allow-list (400 {@code model_not_allowed}, never replaced), the locked voice and instructions
 * overwrite the client's, the server tools are always offered (a client tool may not shadow one), and input
 * transcription is set when the policy records transcripts. Everything else the client chose passes through.
 */
final class OpenAiSessionConfig {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenAiSessionConfig() {
    }

    /**
     * @param requested the client's {@code session} (null when absent)
     * @param pointer   where it was, for error messages, e.g. {@code /session}
     * @param model     the model the session must use (a continued session's), or empty to take the client's
     */
    static ObjectNode enforce(JsonNode requested, String pointer, OpenAiRestSettings settings, Optional<String> model) {
        if (requested != null && !requested.isNull() && !requested.isObject()) {
            throw BadRequest.field(pointer, "Field '" + pointer + "' must be an object.");
        }
        var session = requested == null || requested.isNull() ? MAPPER.createObjectNode() : ((ObjectNode) requested).deepCopy();
        var type = session.path("type").asText("realtime");
        if (!type.equals("realtime")) {
            throw new BadRequest("invalid_value", "Only realtime sessions are offered here ('" + pointer.substring(1)
                    + ".type' must be 'realtime').", Optional.of(pointer + "/type"));
        }
        session.put("type", "realtime");
        var asked = session.path("model");
        if (!asked.isMissingNode() && !asked.isNull() && !asked.isTextual()) {
            throw BadRequest.field(pointer + "/model", "Field '" + pointer + "/model' must be a string.");
        }
        var chosen = asked.isTextual() ? asked.asText() : model.orElse(settings.defaultModel());
        if (!settings.realtimeModels().contains(chosen) || model.filter(m -> !m.equals(chosen)).isPresent()) {
            throw new BadRequest("model_not_allowed", "The model '" + chosen + "' is not allowed here.",
                    Optional.of(pointer + "/model"));
        }
        session.put("model", chosen);
        if (!settings.instructions().isEmpty()) session.put("instructions", settings.instructions());
        if (!settings.voice().isEmpty()) object(object(session, "audio"), "output").put("voice", settings.voice());
        if (!settings.transcriptionModel().isEmpty()) {
            object(object(object(session, "audio"), "input"), "transcription").put("model", settings.transcriptionModel());
        }
        if (!settings.tools().isEmpty()) session.set("tools", tools(session.path("tools"), settings));
        return session;
    }

    /** The voice the session will speak with, if one is named. */
    static Optional<String> voiceOf(ObjectNode session) {
        var voice = session.path("audio").path("output").path("voice");
        return voice.isTextual() ? Optional.of(voice.asText()) : Optional.empty();
    }

    private static ArrayNode tools(JsonNode clientTools, OpenAiRestSettings settings) {
        var merged = MAPPER.createArrayNode();
        var serverNames = new HashSet<String>();
        for (var tool : settings.tools()) {
            serverNames.add(tool.name());
            var node = merged.addObject();
            node.put("type", "function");
            node.put("name", tool.name());
            node.put("description", tool.description());
            try {
                node.set("parameters", MAPPER.readTree(tool.parametersSchema()));
            } catch (IOException e) {
                throw new IllegalStateException("tool " + tool.name() + " has a parameters schema that is not JSON", e);
            }
        }
        for (var tool : clientTools) {
            if (tool.isObject() && !serverNames.contains(tool.path("name").asText())) merged.add(tool.deepCopy());
        }
        return merged;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        var child = parent.get(field);
        if (child instanceof ObjectNode node) return node;
        return parent.putObject(field);
    }
}
