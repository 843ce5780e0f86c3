package io.voicegate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicegate.core.realtime.SessionPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Applies an {@link OpenAiRealtimePolicy} to one OpenAI realtime relay: configures the upstream session at open
 * ({@code session.update} with the locked fields and server tools) and rewrites a client's {@code session.update} or
 * {@code response.create} that touches a locked field. Each overwritten field is reported to the client as an
 * OpenAI-shaped {@code error} event (code {@code locked_by_policy} or {@code model_not_allowed}) naming the field and
 * echoing the client's {@code event_id}. Thread-safe.
 */
public final class OpenAiSessionPolicy implements SessionPolicy {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenAiRealtimePolicy policy;
    private final String model;

    public OpenAiSessionPolicy(OpenAiRealtimePolicy policy, String model) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public List<String> openingFrames() {
        var session = enforcedSession(policy.voice(), true);
        if (session.size() == 1) return List.of();
        var event = MAPPER.createObjectNode();
        event.put("type", "session.update");
        event.set("session", session);
        return List.of(write(event));
    }

    /**
     * The body of {@code POST /realtime/client_secrets} for a client that connects to OpenAI directly: this model, the
     * locked instructions and transcription, the voice (the locked one, else {@code voice} when not empty) and a
     * short expiry. Server tools are left out: nobody on the server would hear the model call them.
     */
    public String clientSecretRequest(java.time.Duration ttl, String voice) {
        var body = MAPPER.createObjectNode();
        var expires = body.putObject("expires_after");
        expires.put("anchor", "created_at");
        expires.put("seconds", ttl.toSeconds());
        var session = enforcedSession(policy.voice().isEmpty() ? voice : policy.voice(), false);
        session.put("model", model);
        body.set("session", session);
        return write(body);
    }

    private ObjectNode enforcedSession(String voice, boolean withTools) {
        var session = MAPPER.createObjectNode();
        session.put("type", "realtime");
        if (!policy.instructions().isEmpty()) session.put("instructions", policy.instructions());
        if (!voice.isEmpty()) session.putObject("audio").putObject("output").put("voice", voice);
        if (!policy.transcriptionModel().isEmpty()) {
            var audio = session.has("audio") ? (ObjectNode) session.get("audio") : session.putObject("audio");
            audio.putObject("input").putObject("transcription").put("model", policy.transcriptionModel());
        }
        if (withTools && !policy.tools().isEmpty()) session.set("tools", serverTools());
        return session;
    }

    @Override
    public Decision review(String frame) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(frame);
        } catch (IOException malformed) {
            return Decision.forward(frame);
        }
        if (!(parsed instanceof ObjectNode event)) return Decision.forward(frame);
        var clientEventId = event.path("event_id").isTextual() ? event.get("event_id").asText() : null;
        var type = event.path("type").asText();
        var notices = new ArrayList<String>();
        if (type.equals("session.update") && event.get("session") instanceof ObjectNode session) {
            enforceSession(session, "session", notices, clientEventId);
        } else if (type.equals("response.create") && event.get("response") instanceof ObjectNode response) {
            enforceResponse(response, notices, clientEventId);
        } else {
            return Decision.forward(frame);
        }
        return notices.isEmpty() ? Decision.forward(frame) : new Decision(List.of(write(event)), notices);
    }

    private void enforceSession(ObjectNode session, String path, List<String> notices, String eventId) {
        if (session.has("model") && !session.path("model").asText().equals(model)) {
            var asked = session.path("model").asText();
            session.remove("model");
            notices.add(notice(policy.allows(asked) ? "locked_by_policy" : "model_not_allowed", path + ".model",
                    policy.allows(asked) ? "The model of a running session cannot be changed." : "The model '" + asked + "' is not allowed here.", eventId));
        }
        lockText(session, "instructions", policy.instructions(), path, notices, eventId);
        var audio = session.path("audio");
        if (!policy.voice().isEmpty() && audio.path("output").has("voice") && !audio.path("output").path("voice").asText().equals(policy.voice())) {
            ((ObjectNode) audio.get("output")).put("voice", policy.voice());
            notices.add(notice("locked_by_policy", path + ".audio.output.voice", "The voice is set by the server and cannot be changed.", eventId));
        }
        if (!policy.transcriptionModel().isEmpty() && audio.path("input").has("transcription")) {
            var asked = audio.path("input").path("transcription");
            if (!asked.isObject() || !policy.transcriptionModel().equals(asked.path("model").asText())) {
                ((ObjectNode) audio.get("input")).putObject("transcription").put("model", policy.transcriptionModel());
                notices.add(notice("locked_by_policy", path + ".audio.input.transcription",
                        "Input transcription is set by the server and cannot be changed.", eventId));
            }
        }
        enforceTools(session, path, notices, eventId);
    }

    private void enforceResponse(ObjectNode response, List<String> notices, String eventId) {
        lockText(response, "instructions", policy.instructions(), "response", notices, eventId);
        var output = response.path("audio").path("output");
        if (!policy.voice().isEmpty() && output.has("voice") && !output.path("voice").asText().equals(policy.voice())) {
            ((ObjectNode) output).put("voice", policy.voice());
            notices.add(notice("locked_by_policy", "response.audio.output.voice", "The voice is set by the server and cannot be changed.", eventId));
        }
        enforceTools(response, "response", notices, eventId);
    }

    private void lockText(ObjectNode node, String field, String locked, String path, List<String> notices, String eventId) {
        if (locked.isEmpty() || !node.has(field) || node.path(field).asText().equals(locked)) return;
        node.put(field, locked);
        notices.add(notice("locked_by_policy", path + "." + field, "The " + field + " are set by the server and cannot be changed.", eventId));
    }

    private void enforceTools(ObjectNode node, String path, List<String> notices, String eventId) {
        if (!node.has("tools")) return;
        var serverNames = new HashSet<String>();
        policy.tools().forEach(t -> serverNames.add(t.name()));
        var merged = serverTools();
        boolean changed = false;
        for (var tool : node.path("tools")) {
            var name = tool.path("name").asText();
            if (serverNames.contains(name)) {
                changed |= !tool.equals(serverTool(name));
            } else if (policy.clientToolsAllowed()) {
                merged.add(tool.deepCopy());
            } else {
                changed = true;
            }
        }
        changed |= merged.size() != node.path("tools").size();
        node.set("tools", merged);
        if (changed) {
            notices.add(notice("locked_by_policy", path + ".tools", policy.clientToolsAllowed()
                    ? "The server's tools are always offered and cannot be replaced." : "The tools are set by the server and cannot be changed.", eventId));
        }
    }

    private ArrayNode serverTools() {
        var tools = MAPPER.createArrayNode();
        for (var tool : policy.tools()) tools.add(serverTool(tool.name()));
        return tools;
    }

    private ObjectNode serverTool(String name) {
        var tool = policy.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        var node = MAPPER.createObjectNode();
        node.put("type", "function");
        node.put("name", tool.name());
        node.put("description", tool.description());
        try {
            node.set("parameters", MAPPER.readTree(tool.parametersSchema()));
        } catch (IOException e) {
            throw new IllegalStateException("tool " + tool.name() + " has a parameters schema that is not JSON", e);
        }
        return node;
    }

    private static String notice(String code, String param, String message, String clientEventId) {
        var event = MAPPER.createObjectNode();
        event.put("type", "error");
        event.put("event_id", "event_vg_" + Long.toHexString(System.nanoTime()));
        var error = event.putObject("error");
        error.put("type", "invalid_request_error");
        error.put("code", code);
        error.put("message", message);
        error.put("param", param);
        error.put("event_id", clientEventId);
        return write(event);
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
