package io.voicegate.core.realtime;

import java.util.Objects;

/** What a relayed frame means to Voicegate; most frames (audio above all) mean {@link #NOTHING}. */
public sealed interface FrameMeaning {

    /** Forward it and do nothing else. */
    FrameMeaning NOTHING = new Nothing();

    /** A frame with no meaning beyond forwarding. */
    record Nothing() implements FrameMeaning {
    }

    /** Who spoke a transcript turn. */
    enum Speaker { USER, ASSISTANT }

    /** A finished transcript turn, with the provider's item id (for idempotent storage). */
    record TranscriptTurn(Speaker speaker, String text, String itemId) implements FrameMeaning {
        public TranscriptTurn {
            Objects.requireNonNull(speaker, "speaker");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(itemId, "itemId");
        }
    }

    /** The provider reported usage (e.g. at the end of a response). */
    record UsageReported(RelayUsage usage) implements FrameMeaning {
        public UsageReported {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** The model asks for a function call; arguments are JSON text. */
    record ToolCallRequested(String callId, String name, String arguments) implements FrameMeaning {
        public ToolCallRequested {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * The model finished its turn (a response ended), so work that had to wait for it may continue; carries the
     * usage the provider reported with it ({@link RelayUsage#NONE} when none).
     */
    record TurnFinished(RelayUsage usage) implements FrameMeaning {
        public TurnFinished {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** The provider reported an error in-band; the session usually stays open. */
    record ProviderError(String code, String message) implements FrameMeaning {
        public ProviderError {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A frame that means several things at once (e.g. a finished transcription that also reports its usage, or a
     * provider message carrying a transcript and the end of the turn); handled in order.
     */
    record Several(java.util.List<FrameMeaning> meanings) implements FrameMeaning {
        public Several {
            meanings = java.util.List.copyOf(Objects.requireNonNull(meanings, "meanings"));
        }
    }

    /** The client asks to change the session's configuration; policy decides what goes upstream. */
    record SessionConfiguration() implements FrameMeaning {
    }

    /**
     * The provider expects an answer at once that the relay gives itself (e.g. a pong to its keep-alive ping), so
     * the conversation does not hang on the client's timing: {@code frame} goes upstream, and the provider's frame
     * still goes to the client.
     */
    record Reply(String frame) implements FrameMeaning {
        public Reply {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * A client frame that answers what the relay already answered (the client's pong to a ping the relay replied
     * to), so it is not forwarded: the provider hears one answer.
     */
    record Withheld() implements FrameMeaning {
    }
}
