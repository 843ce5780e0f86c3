package io.voicegate.elevenlabs;

import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.ToolReplies;

import java.util.List;

/**
 * Answers a {@code client_tool_call} the ElevenLabs way: one {@code client_tool_result} with the output as its string
 * result; the agent continues by itself. Thread-safe.
 */
final class ElevenLabsToolReplies implements ToolReplies {

    private final ElevenLabsEventReader frames = new ElevenLabsEventReader();

    @Override
    public List<String> output(FrameMeaning.ToolCallRequested call, String output) {
        return List.of(frames.toolResult(call.callId(), output, false));
    }

    @Override
    public List<String> continueAfterTools() {
        return List.of();
    }
}
