package io.voicegate.core.realtime;

import java.util.List;

/**
 * Writes, in the provider's protocol, the frames that hand a server-side tool's output back to the model, and the
 * frames that let the model continue once every server-side call of a turn has been answered (OpenAI needs a
 * {@code response.create}; other providers continue by themselves and return an empty list). Thread-safe.
 */
public interface ToolReplies {

    List<String> output(FrameMeaning.ToolCallRequested call, String output);

    List<String> continueAfterTools();
}
