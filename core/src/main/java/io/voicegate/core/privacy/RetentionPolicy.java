package io.voicegate.core.privacy;

import java.time.Duration;
import java.util.Objects;

/**
 * How long data is kept: sessions, transcripts and usage (of sessions, and of API calls outside them) for
 * {@code sessions}, audit events for {@code audit};
 * the sweep deletes in batches of {@code batchSize} rows.
 */
public record RetentionPolicy(Duration sessions, Duration audit, int batchSize) {

    public static final int DEFAULT_BATCH_SIZE = 500;

    public RetentionPolicy {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(audit, "audit");
        if (sessions.isNegative() || sessions.isZero()) throw new IllegalArgumentException("sessions must be positive");
        if (audit.isNegative() || audit.isZero()) throw new IllegalArgumentException("audit must be positive");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }

    public static RetentionPolicy ofDays(int sessionDays, int auditDays) {
        return new RetentionPolicy(Duration.ofDays(sessionDays), Duration.ofDays(auditDays), DEFAULT_BATCH_SIZE);
    }
}
