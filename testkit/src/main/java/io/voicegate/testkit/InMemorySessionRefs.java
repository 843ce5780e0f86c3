package io.voicegate.testkit;

import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Session references kept in memory. Thread-safe. */
public final class InMemorySessionRefs implements SessionRefs {

    private final Map<SessionRef, Target> targets = new ConcurrentHashMap<>();

    @Override
    public void assign(SessionRef ref, Target target) {
        if (targets.putIfAbsent(ref, target) != null) throw new IllegalStateException("session reference already bound");
    }

    @Override
    public Optional<Target> find(SessionRef ref) {
        return Optional.ofNullable(targets.get(ref));
    }
}
