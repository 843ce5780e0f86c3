package io.voicegate.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A WebRTC call created through {@code POST /v1/realtime/calls}. */
final class FakeCall {

    private final String id;
    private final long sequence;
    private final ObjectNode session;
    private volatile boolean hungUp;

    FakeCall(String id, long sequence, ObjectNode session) {
        this.id = id;
        this.sequence = sequence;
        this.session = session;
    }

    String id() {
        return id;
    }

    long sequence() {
        return sequence;
    }

    ObjectNode session() {
        return session.deepCopy();
    }

    boolean hungUp() {
        return hungUp;
    }

    void hangUp() {
        hungUp = true;
    }
}
