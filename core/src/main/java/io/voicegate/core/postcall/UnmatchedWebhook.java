package io.voicegate.core.postcall;

import io.voicegate.core.session.SessionRef;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An authentic post-call event for which no session was known yet, kept (verified raw body included) so it can be
 * matched once the session learns its conversation id. It holds personal data and falls under retention like a
 * transcript.
 */
public final class UnmatchedWebhook {

    private final String eventKey;
    private final CallRef call;
    private final Instant receivedAt;
    private final byte[] body;

    public UnmatchedWebhook(String eventKey, CallRef call, Instant receivedAt, byte[] body) {
        this.eventKey = Objects.requireNonNull(eventKey, "eventKey");
        this.call = Objects.requireNonNull(call, "call");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    public String eventKey() {
        return eventKey;
    }

    public CallRef call() {
        return call;
    }

    public String provider() {
        return call.provider();
    }

    public String conversationId() {
        return call.conversationId();
    }

    public Optional<SessionRef> sessionRef() {
        return call.sessionRef();
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "UnmatchedWebhook[" + eventKey + ", " + body.length + " bytes]";
    }
}
