package io.voicegate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

/**
 * One response of the fake model, as the sequence of server events OpenAI sends for it (protocol doc §2.7 B and F),
 * plus the closing events when it is cancelled part-way (§2.7 E and G).
 */
final class FakeResponse {

    /** One event to emit; {@code paced} events are spaced by the audio pace. */
    record Step(ObjectNode event, boolean paced) {
    }

    final String id = FakeJson.id("resp_");
    final String itemId = FakeJson.id("item_");
    private final String conversationId;
    private final boolean audio;
    private final boolean inConversation;
    private final boolean mediaElsewhere;
    private final FakeOpenAi.ScriptedCall call;
    private final String callId = FakeJson.id("call_");
    private final String previousItemId;
    private final ObjectNode outputAudio;
    private final List<String> modalities;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final StringBuilder said = new StringBuilder();
    boolean createdSent;

    FakeResponse(ObjectNode session, JsonNode options, String conversationId, String previousItemId, String reply,
                 FakeOpenAi.ScriptedCall call, int audioDeltas, int audioBytes, boolean mediaElsewhere) {
        this.conversationId = conversationId;
        this.previousItemId = previousItemId;
        this.call = call;
        this.mediaElsewhere = mediaElsewhere;
        var requested = options.path("output_modalities");
        var modalitiesNode = requested.isArray() ? requested : session.path("output_modalities");
        var list = new ArrayList<String>();
        modalitiesNode.forEach(m -> list.add(m.asText()));
        if (list.isEmpty()) list.add("audio");
        this.modalities = List.copyOf(list);
        this.audio = modalities.contains("audio");
        this.inConversation = !"none".equals(options.path("conversation").asText("auto"));
        this.outputAudio = FakeJson.object();
        var output = session.path("audio").path("output");
        outputAudio.set("format", output.path("format").isObject() ? output.get("format").deepCopy() : FakeJson.object().put("type", "audio/pcm").put("rate", 24000));
        outputAudio.put("voice", output.path("voice").asText("alloy"));
        build(reply, audioDeltas, audioBytes);
    }

    Step poll() {
        var step = steps.poll();
        if (step != null) {
            var type = step.event().path("type").asText();
            if (type.endsWith("transcript.delta") || type.equals("response.output_text.delta")) said.append(step.event().path("delta").asText());
        }
        return step;
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The closing events of a response stopped part-way, ending with response.done status cancelled. */
    List<ObjectNode> cancel(String reason) {
        steps.clear();
        var events = new ArrayList<ObjectNode>();
        var transcript = said.toString();
        if (call == null) {
            if (audio) {
                if (!mediaElsewhere) events.add(content("response.output_audio.done"));
                events.add(content("response.output_audio_transcript.done").put("transcript", transcript));
            } else {
                events.add(content("response.output_text.done").put("text", transcript));
            }
            var partDone = content("response.content_part.done");
            partDone.set("part", part(transcript));
            events.add(partDone);
        }
        var item = call == null ? messageItem("incomplete", transcript) : callItem("incomplete", "");
        events.add(outputItem("response.output_item.done", item));
        if (inConversation) events.add(conversationItem("conversation.item.done", item));
        var done = event("response.done");
        var details = FakeJson.object().put("type", "cancelled").put("reason", reason);
        done.set("response", response("cancelled", details, item, usage(transcript)));
        events.add(done);
        return events;
    }

    private void build(String reply, int audioDeltas, int audioBytes) {
        var created = event("response.created");
        created.set("response", response("in_progress", null, null, null));
        add(created);
        var limits = event("rate_limits.updated");
        var rate = limits.putArray("rate_limits");
        rate.addObject().put("name", "requests").put("limit", 5000).put("remaining", 4999).put("reset_seconds", 0.012);
        rate.addObject().put("name", "tokens").put("limit", 40000).put("remaining", 38490).put("reset_seconds", 2.265);
        add(limits);
        if (call != null) {
            buildCall();
            return;
        }
        add(outputItem("response.output_item.added", messageItem("in_progress", null)));
        if (inConversation) add(conversationItem("conversation.item.added", messageItem("in_progress", null)));
        var partAdded = content("response.content_part.added");
        partAdded.set("part", part(""));
        add(partAdded);
        if (audio && mediaElsewhere) add(event("output_audio_buffer.started").put("response_id", id));
        var words = FakeOpenAiRest.words(reply);
        String audioChunk = audio && !mediaElsewhere ? Base64.getEncoder().encodeToString(new byte[audioBytes]) : null;
        int rounds = Math.max(words.size(), audioChunk == null ? 0 : audioDeltas);
        for (int i = 0; i < rounds; i++) {
            if (i < words.size()) {
                var type = audio ? "response.output_audio_transcript.delta" : "response.output_text.delta";
                add(content(type).put("delta", words.get(i)));
            }
            if (audioChunk != null && i < audioDeltas) {
                steps.add(new Step(content("response.output_audio.delta").put("delta", audioChunk), true));
            }
        }
        if (audio) {
            if (!mediaElsewhere) add(content("response.output_audio.done"));
            add(content("response.output_audio_transcript.done").put("transcript", reply));
        } else {
            add(content("response.output_text.done").put("text", reply));
        }
        var partDone = content("response.content_part.done");
        partDone.set("part", part(reply));
        add(partDone);
        var item = messageItem("completed", reply);
        add(outputItem("response.output_item.done", item));
        if (inConversation) add(conversationItem("conversation.item.done", item));
        if (audio && mediaElsewhere) add(event("output_audio_buffer.stopped").put("response_id", id));
        var done = event("response.done");
        done.set("response", response("completed", null, item, usage(reply)));
        add(done);
    }

    private void buildCall() {
        add(outputItem("response.output_item.added", callItem("in_progress", "")));
        if (inConversation) add(conversationItem("conversation.item.added", callItem("in_progress", "")));
        var arguments = call.arguments();
        int half = arguments.length() / 2;
        for (var piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
            if (piece.isEmpty()) continue;
            add(callEvent("response.function_call_arguments.delta").put("delta", piece));
        }
        add(callEvent("response.function_call_arguments.done").put("name", call.name()).put("arguments", arguments));
        var item = callItem("completed", arguments);
        add(outputItem("response.output_item.done", item));
        if (inConversation) add(conversationItem("conversation.item.done", item));
        var done = event("response.done");
        done.set("response", response("completed", null, item, usage(arguments)));
        add(done);
    }

    private void add(ObjectNode event) {
        steps.add(new Step(event, false));
    }

    static ObjectNode event(String type) {
        var event = FakeJson.object();
        event.put("type", type);
        event.put("event_id", FakeJson.id("event_"));
        return event;
    }

    private ObjectNode content(String type) {
        var event = event(type);
        event.put("response_id", id).put("item_id", itemId).put("output_index", 0).put("content_index", 0);
        return event;
    }

    private ObjectNode callEvent(String type) {
        var event = event(type);
        event.put("response_id", id).put("item_id", itemId).put("output_index", 0).put("call_id", callId);
        return event;
    }

    private ObjectNode outputItem(String type, ObjectNode item) {
        var event = event(type);
        event.put("response_id", id).put("output_index", 0);
        event.set("item", item);
        return event;
    }

    private ObjectNode conversationItem(String type, ObjectNode item) {
        var event = event(type);
        event.put("previous_item_id", previousItemId);
        event.set("item", item.deepCopy());
        return event;
    }

    private ObjectNode part(String text) {
        return audio ? FakeJson.object().put("type", "audio").put("transcript", text) : FakeJson.object().put("type", "text").put("text", text);
    }

    private ObjectNode messageItem(String status, String text) {
        var item = FakeJson.object();
        item.put("id", itemId).put("type", "message").put("status", status).put("role", "assistant");
        var content = item.putArray("content");
        if (text != null) {
            if (audio) content.addObject().put("type", "output_audio").put("transcript", text);
            else content.addObject().put("type", "output_text").put("text", text);
        }
        return item;
    }

    private ObjectNode callItem(String status, String arguments) {
        var item = FakeJson.object();
        item.put("id", itemId).put("type", "function_call").put("status", status).put("name", call.name())
                .put("call_id", callId).put("arguments", arguments);
        return item;
    }

    private ObjectNode response(String status, ObjectNode details, ObjectNode item, ObjectNode usage) {
        var response = FakeJson.object();
        response.put("object", "realtime.response").put("id", id).put("status", status);
        if (details == null) response.putNull("status_details");
        else response.set("status_details", details);
        var output = response.putArray("output");
        if (item != null) output.add(item.deepCopy());
        response.put("conversation_id", inConversation ? conversationId : null);
        var modalitiesNode = response.putArray("output_modalities");
        modalities.forEach(modalitiesNode::add);
        response.put("max_output_tokens", "inf");
        response.putObject("audio").set("output", outputAudio.deepCopy());
        if (usage == null) response.putNull("usage");
        else response.set("usage", usage);
        response.putNull("metadata");
        return response;
    }

    private static ObjectNode usage(String text) {
        int textOut = FakeOpenAiRest.words(text).size();
        int audioOut = textOut * 5;
        var usage = FakeJson.object();
        usage.put("total_tokens", 132 + textOut + audioOut).put("input_tokens", 132).put("output_tokens", textOut + audioOut);
        var in = usage.putObject("input_token_details");
        in.put("text_tokens", 59).put("audio_tokens", 73).put("image_tokens", 0).put("cached_tokens", 64);
        in.putObject("cached_tokens_details").put("text_tokens", 0).put("audio_tokens", 64).put("image_tokens", 0);
        usage.putObject("output_token_details").put("text_tokens", textOut).put("audio_tokens", audioOut);
        return usage;
    }
}
