package io.voicegate.testkit.openai;

/** One WebSocket text frame that crossed a fake realtime connection, in either direction. */
public record RecordedFrame(String connectionId, Direction direction, String text) {

    /** Which way the frame went, seen from the fake. */
    public enum Direction { FROM_CLIENT, TO_CLIENT }

    /** The event's {@code type}, read without decoding the rest; empty when the frame has none. */
    public String type() {
        return FakeJson.typeOf(text);
    }
}
