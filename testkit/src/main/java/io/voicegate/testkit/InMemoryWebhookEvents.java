package io.voicegate.testkit;

import io.voicegate.core.postcall.UnmatchedWebhook;
import io.voicegate.core.postcall.WebhookEvents;
import io.voicegate.core.session.SessionRef;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Processed and unmatched webhook events kept in memory. Thread-safe. */
public final class InMemoryWebhookEvents implements WebhookEvents {

    private final Map<String, Instant> claims = new ConcurrentHashMap<>();
    private final Map<String, UnmatchedWebhook> unmatched = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String eventKey, Instant at) {
        return claims.putIfAbsent(eventKey, at) == null;
    }

    @Override
    public void release(String eventKey) {
        claims.remove(eventKey);
    }

    @Override
    public void keepUnmatched(UnmatchedWebhook event) {
        unmatched.putIfAbsent(event.eventKey(), event);
    }

    @Override
    public List<UnmatchedWebhook> unmatchedByConversation(String provider, String conversationId) {
        return select(e -> e.provider().equals(provider) && e.conversationId().equals(conversationId));
    }

    @Override
    public List<UnmatchedWebhook> unmatchedBySessionRef(SessionRef ref) {
        return select(e -> e.sessionRef().equals(Optional.of(ref)));
    }

    @Override
    public void discardUnmatched(String eventKey) {
        unmatched.remove(eventKey);
    }

    @Override
    public int forgetClaimsBefore(Instant cutoff) {
        int before = claims.size();
        claims.values().removeIf(at -> at.isBefore(cutoff));
        return before - claims.size();
    }

    @Override
    public int discardUnmatchedBefore(Instant cutoff) {
        int before = unmatched.size();
        unmatched.values().removeIf(e -> e.receivedAt().isBefore(cutoff));
        return before - unmatched.size();
    }

    /** How many events were claimed (processed or kept), for assertions. */
    public int claimed() {
        return claims.size();
    }

    private List<UnmatchedWebhook> select(Predicate<UnmatchedWebhook> which) {
        return unmatched.values().stream().filter(which)
                .sorted(Comparator.comparing(UnmatchedWebhook::receivedAt).thenComparing(UnmatchedWebhook::eventKey))
                .toList();
    }
}
