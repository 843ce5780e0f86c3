package io.voicegate.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.ToolReplies;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Answers a function call the OpenAI way: {@code conversation.item.create} with a {@code function_call_output}
 * item, then one {@code response.create} once every server-side call of the response is answered. Thread-safe.
 */
public final class OpenAiToolReplies implements ToolReplies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CONTINUE = List.of("{\"type\":\"response.create\"}");

    @Override
    public List<String> output(FrameMeaning.ToolCallRequested call, String output) {
        var event = MAPPER.createObjectNode();
        event.put("type", "conversation.item.create");
        var item = event.putObject("item");
        item.put("type", "function_call_output");
        item.put("call_id", call.callId());
        item.put("output", output);
        try {
            return List.of(MAPPER.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> continueAfterTools() {
        return CONTINUE;
    }
}
