package io.voicegate.core.realtime;

/**
 * A reader for a toy protocol, so the bridge is tested without any provider's event names:
 * {@code turn:<user|assistant>:<item>:<text>}, {@code usage:<tokens>}, {@code tool:<call>:<name>:<args>},
 * {@code done[:<tokens>]}, {@code error:<code>}, {@code both:<text>} (a turn and its usage), {@code ping:<n>} (answered
 * {@code pong:<n>} by the relay); from the client {@code config:<anything>} and {@code pong:<n>} (withheld); everything
 * else means nothing.
 */
final class ScriptedReader implements EventReader {

    @Override
    public FrameMeaning fromClient(String frame) {
        if (frame.startsWith("pong:")) return new FrameMeaning.Withheld();
        return frame.startsWith("config:") ? new FrameMeaning.SessionConfiguration() : FrameMeaning.NOTHING;
    }

    @Override
    public FrameMeaning fromUpstream(String frame) {
        var parts = frame.split(":", 4);
        return switch (parts[0]) {
            case "turn" -> new FrameMeaning.TranscriptTurn(parts[1].equals("user") ? FrameMeaning.Speaker.USER : FrameMeaning.Speaker.ASSISTANT,
                    parts[3], parts[2]);
            case "usage" -> new FrameMeaning.UsageReported(new RelayUsage(Long.parseLong(parts[1]), 0, 0, 0, 0, 0, 0, "toy"));
            case "tool" -> new FrameMeaning.ToolCallRequested(parts[1], parts[2], parts[3]);
            case "done" -> new FrameMeaning.TurnFinished(parts.length > 1 ? new RelayUsage(Long.parseLong(parts[1]), 0, 0, 0, 0, 0, 0, "toy") : RelayUsage.NONE);
            case "error" -> new FrameMeaning.ProviderError(parts[1], "toy error");
            case "ping" -> new FrameMeaning.Reply("pong:" + parts[1]);
            case "both" -> new FrameMeaning.Several(java.util.List.of(
                    new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, parts[1], "item_b"),
                    new FrameMeaning.UsageReported(new RelayUsage(1, 0, 0, 0, 0, 0, 0, "toy"))));
            default -> FrameMeaning.NOTHING;
        };
    }
}
