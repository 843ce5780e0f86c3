package io.voicegate.core.session;

import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sessions are kept. Thread-safe; each call is atomic. Storage failures throw unchecked exceptions (never a
 * {@link io.voicegate.core.VoicegateException}); nothing returns null.
 */
public interface SessionStore {

    /** Stores a new session; its id is fresh. */
    void insert(VoiceSession session);

    Optional<VoiceSession> find(SessionId id);

    /**
     * Replaces the stored session with {@code next} (same id) if the stored status is still {@code expected}; false
     * when another writer changed it first (the caller reloads and decides again).
     */
    boolean update(VoiceSession next, SessionStatus expected);

    /** The owner's sessions newest first ({@code createdAt}, then id, both descending), after the cursor if given. */
    List<VoiceSession> listOwned(UserId owner, Optional<SessionStatus> status, Optional<SessionCursor> after, int limit);

    /** How many of the owner's sessions are live at {@code now}: ACTIVE, or CREATED with an unexpired credential. */
    int countLive(UserId owner, Instant now);

    /**
     * The owner's sessions that were created in {@code [from, to)}, or created earlier and still connected at
     * {@code from} (ACTIVE, or ended at or after {@code from}), oldest first.
     */
    List<VoiceSession> ownedBetween(UserId owner, Instant from, Instant to);

    /** Up to {@code limit} CREATED sessions whose credential expired at or before {@code now}, oldest first. */
    List<VoiceSession> createdExpiredBy(Instant now, int limit);

    /** Up to {@code limit} ACTIVE sessions that started at or before {@code cutoff}, oldest first. */
    List<VoiceSession> activeStartedBy(Instant cutoff, int limit);
}
