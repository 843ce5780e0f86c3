package io.voicegate.testkit;

import io.voicegate.core.postcall.PostCallEvent;
import io.voicegate.core.postcall.PostCallSink;
import io.voicegate.core.session.SessionRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the session store on the post-call path: knows which conversation ids and session references belong
 * to which session, and records the events it was given. Thread-safe.
 */
public final class InMemoryPostCallSink implements PostCallSink {

    /** An event and the session it landed on. */
    public record Delivered(UUID sessionId, PostCallEvent event) {
    }

    private final Map<String, UUID> byConversation = new ConcurrentHashMap<>();
    private final Map<SessionRef, UUID> byRef = new ConcurrentHashMap<>();
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();

    public InMemoryPostCallSink knowConversation(String provider, String conversationId, UUID sessionId) {
        byConversation.put(provider + ":" + conversationId, sessionId);
        return this;
    }

    public InMemoryPostCallSink knowSessionRef(SessionRef ref, UUID sessionId) {
        byRef.put(ref, sessionId);
        return this;
    }

    @Override
    public Delivery recordPostCall(PostCallEvent.OfCall event) {
        var session = sessionOf(event);
        if (session.isEmpty()) return Delivery.NO_MATCHING_SESSION;
        delivered.add(new Delivered(session.get(), event));
        return Delivery.RECORDED;
    }

    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    private Optional<UUID> sessionOf(PostCallEvent.OfCall event) {
        var call = event.call();
        var byId = Optional.ofNullable(byConversation.get(call.provider() + ":" + call.conversationId()));
        return byId.or(() -> call.sessionRef().map(byRef::get));
    }
}
