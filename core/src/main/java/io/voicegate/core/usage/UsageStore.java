package io.voicegate.core.usage;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionId;

import java.time.Instant;
import java.util.List;

/** Where usage records are kept (append-only). Thread-safe; storage failures throw unchecked exceptions. */
public interface UsageStore {

    void append(UsageRecord record);

    /** The owner's records with {@code from <= at < to}, oldest first. */
    List<UsageRecord> forOwner(UserId owner, Instant from, Instant to);

    /** The session's records, oldest first. */
    List<UsageRecord> forSession(SessionId session);
}
