package io.voicegate.core.privacy;

import java.time.Instant;

/**
 * Data kept only for the session retention period (sessions, transcripts, usage): the retention sweep deletes what
 * is older in batches. Implementations are thread-safe and throw on a storage failure.
 */
public interface ExpiringData {

    /** A short snake_case name for counts and audit details, e.g. {@code transcript_turns}. */
    String name();

    /**
     * Deletes at most {@code limit} rows created strictly before {@code cutoff}.
     *
     * @return how many were deleted (fewer than {@code limit} means none older are left)
     */
    int deleteOlderThan(Instant cutoff, int limit);
}
