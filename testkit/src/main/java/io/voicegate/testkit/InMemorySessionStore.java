package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionCursor;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.VoiceSession;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sessions kept in memory, with the same ordering and compare-and-set rules as the database. Thread-safe. */
public final class InMemorySessionStore implements SessionStore {

    /** Ids compare as databases compare UUIDs: unsigned, byte by byte (the canonical text sorts the same way). */
    private static final Comparator<VoiceSession> NEWEST_FIRST = Comparator
            .comparing(VoiceSession::createdAt).thenComparing(s -> s.id().toString()).reversed();

    private final Map<SessionId, VoiceSession> byId = new HashMap<>();

    @Override
    public synchronized void insert(VoiceSession session) {
        if (byId.putIfAbsent(session.id(), session) != null) {
            throw new IllegalStateException("session " + session.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<VoiceSession> find(SessionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized boolean update(VoiceSession next, SessionStatus expected) {
        var current = byId.get(next.id());
        if (current == null || current.status() != expected) return false;
        byId.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized List<VoiceSession> listOwned(UserId owner, Optional<SessionStatus> status,
                                                     Optional<SessionCursor> after, int limit) {
        return byId.values().stream()
                .filter(s -> s.isOwnedBy(owner))
                .filter(s -> status.map(st -> s.status() == st).orElse(true))
                .filter(s -> after.map(c -> isAfter(s, c)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int countLive(UserId owner, Instant now) {
        return (int) byId.values().stream().filter(s -> s.isOwnedBy(owner) && s.isLiveAt(now)).count();
    }

    @Override
    public synchronized List<VoiceSession> ownedBetween(UserId owner, Instant from, Instant to) {
        return byId.values().stream()
                .filter(s -> s.isOwnedBy(owner))
                .filter(s -> !s.createdAt().isBefore(from) && s.createdAt().isBefore(to)
                        || s.createdAt().isBefore(from) && (s.status() == SessionStatus.ACTIVE
                        || s.endedAt().filter(e -> !e.isBefore(from)).isPresent()))
                .sorted(NEWEST_FIRST.reversed())
                .toList();
    }

    @Override
    public synchronized List<VoiceSession> createdExpiredBy(Instant now, int limit) {
        return byId.values().stream()
                .filter(s -> s.status() == SessionStatus.CREATED && !s.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(VoiceSession::expiresAt).thenComparing(s -> s.id().toString()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<VoiceSession> activeStartedBy(Instant cutoff, int limit) {
        return byId.values().stream()
                .filter(s -> s.status() == SessionStatus.ACTIVE && !s.startedAt().orElseThrow().isAfter(cutoff))
                .sorted(Comparator.comparing((VoiceSession s) -> s.startedAt().orElseThrow()).thenComparing(s -> s.id().toString()))
                .limit(limit)
                .toList();
    }

    /** Whether {@code s} comes after the cursor in newest-first order. */
    private static boolean isAfter(VoiceSession s, SessionCursor cursor) {
        int byTime = s.createdAt().compareTo(cursor.createdAt());
        return byTime < 0 || byTime == 0 && s.id().toString().compareTo(cursor.id().toString()) < 0;
    }
}
