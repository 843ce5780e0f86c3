package io.voicegate.core.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * The read and retention side of the audit trail: a person's events, newest first, and the sweep's deletion of
 * events past the retention period (the only deletion there is). Implementations are thread-safe and throw on a
 * storage failure.
 */
public interface AuditHistory {

    /**
     * Events whose subject is the pseudonym, newest first (ties by id, descending).
     *
     * @param after the cursor of the previous page's last event; empty for the first page
     * @param limit at most this many events (1 or more)
     */
    AuditPage about(String subject, Optional<AuditCursor> after, int limit);

    /**
     * Deletes at most {@code limit} events that happened strictly before {@code cutoff}, oldest first.
     *
     * @return how many were deleted (fewer than {@code limit} means none older are left)
     */
    int deleteOlderThan(Instant cutoff, int limit);
}
