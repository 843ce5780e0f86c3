package io.voicegate.core.postcall;

import io.voicegate.core.session.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers post-call events that were kept because no session was known for them, once a session learns its
 * conversation id or is created with the reference they echoed. Each kept body was verified when it arrived; it is
 * parsed again by its provider's parser, delivered, and forgotten once a session took it.
 */
public final class MatchKeptPostCalls {

    private static final Logger LOG = LoggerFactory.getLogger(MatchKeptPostCalls.class);

    private final WebhookEvents events;
    private final Map<String, PostCallParser> parsers;
    private final PostCallSink sink;

    /** @param parsers by provider name, e.g. {@code elevenlabs} */
    public MatchKeptPostCalls(WebhookEvents events, Map<String, PostCallParser> parsers, PostCallSink sink) {
        this.events = Objects.requireNonNull(events, "events");
        this.parsers = Map.copyOf(parsers);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Delivers what was kept for this conversation or reference; returns how many events a session took. */
    public int handle(String provider, String conversationId, Optional<SessionRef> ref) {
        var kept = new LinkedHashMap<String, UnmatchedWebhook>();
        events.unmatchedByConversation(provider, conversationId).forEach(e -> kept.put(e.eventKey(), e));
        ref.ifPresent(r -> events.unmatchedBySessionRef(r).forEach(e -> kept.putIfAbsent(e.eventKey(), e)));
        int delivered = 0;
        for (var event : kept.values()) {
            var parser = parsers.get(event.provider());
            if (parser == null) {
                LOG.warn("No parser for kept {} webhook {}", event.provider(), event.eventKey());
                continue;
            }
            if (parser.parse(event.body()) instanceof PostCallEvent.OfCall ofCall
                    && sink.recordPostCall(ofCall) == PostCallSink.Delivery.RECORDED) {
                events.discardUnmatched(event.eventKey());
                delivered++;
            }
        }
        return delivered;
    }
}
