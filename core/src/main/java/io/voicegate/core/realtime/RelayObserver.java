package io.voicegate.core.realtime;

import io.voicegate.core.tools.ToolResult;

/**
 * Hears what happens in one relay, as it happens, so sessions, transcripts and usage can be recorded. Called from the
 * relay's I/O threads: implementations must be quick (or hand off) and thread-safe. An exception thrown here is
 * logged and does not stop the relay. {@link #ended} is called exactly once.
 */
public interface RelayObserver {

    /** The upstream is open and frames flow. */
    default void connected() {
    }

    default void turn(FrameMeaning.TranscriptTurn turn) {
    }

    default void usage(RelayUsage usage) {
    }

    /** A server-side tool answered a call of the model. */
    default void toolCalled(FrameMeaning.ToolCallRequested call, ToolResult result) {
    }

    /** The provider reported an in-band error (the relay goes on). */
    default void providerError(FrameMeaning.ProviderError error) {
    }

    void ended(RelayEnd end);
}
