package io.voicegate.testkit;

import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Session references kept in memory. Thread-safe. */
public final class InMemorySessionRefs implements SessionRefs {

    private final Map<SessionRef, Target> targets = new ConcurrentHashMap<>();
    private final Map<java.util.UUID, String> conversations = new ConcurrentHashMap<>();
    private final Map<java.util.UUID, String> providers = new ConcurrentHashMap<>();

    /** Names the provider of a session, so {@link #findByConversation} can tell providers apart (default: any). */
    public InMemorySessionRefs provider(java.util.UUID sessionId, String provider) {
        providers.put(sessionId, provider);
        return this;
    }

    @Override
    public void assign(SessionRef ref, Target target) {
        if (targets.putIfAbsent(ref, target) != null) throw new IllegalStateException("session reference already bound");
    }

    @Override
    public Optional<Target> find(SessionRef ref) {
        return Optional.ofNullable(targets.get(ref));
    }

    @Override
    public Optional<SessionRef> refOf(java.util.UUID sessionId) {
        return targets.entrySet().stream().filter(e -> e.getValue().sessionId().equals(sessionId))
                .map(Map.Entry::getKey).findFirst();
    }

    @Override
    public boolean linkConversation(java.util.UUID sessionId, String conversationId) {
        if (targets.values().stream().noneMatch(t -> t.sessionId().equals(sessionId))) return false;
        return conversations.putIfAbsent(sessionId, conversationId) == null;
    }

    @Override
    public Optional<Target> findByConversation(String provider, String conversationId) {
        return conversations.entrySet().stream()
                .filter(e -> e.getValue().equals(conversationId))
                .filter(e -> providers.getOrDefault(e.getKey(), provider).equals(provider))
                .flatMap(e -> targets.values().stream().filter(t -> t.sessionId().equals(e.getKey())))
                .findFirst();
    }
}
