package io.voicegate.testkit;

import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.TranscriptStore;
import io.voicegate.core.session.Turn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Transcript turns kept in memory, idempotent on (session, item id) like the database. Thread-safe. */
public final class InMemoryTranscriptStore implements TranscriptStore {

    static final Comparator<Turn> ORDER = Comparator.comparing(Turn::startedAt).thenComparing(Turn::endedAt)
            .thenComparing(Turn::itemId);

    private final Map<SessionId, Map<String, Turn>> bySession = new HashMap<>();

    @Override
    public synchronized boolean append(Turn turn) {
        return bySession.computeIfAbsent(turn.session(), s -> new LinkedHashMap<>()).putIfAbsent(turn.itemId(), turn) == null;
    }

    @Override
    public synchronized int appendAll(List<Turn> turns) {
        int stored = 0;
        for (var turn : turns) {
            if (append(turn)) stored++;
        }
        return stored;
    }

    @Override
    public synchronized List<Turn> turns(SessionId session) {
        var list = new ArrayList<>(bySession.getOrDefault(session, Map.of()).values());
        list.sort(ORDER);
        return List.copyOf(list);
    }
}
