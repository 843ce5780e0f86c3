package io.voicegate.testkit;

import io.voicegate.core.audit.AuditCursor;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditHistory;
import io.voicegate.core.audit.AuditLog;
import io.voicegate.core.audit.AuditPage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit log that keeps events in memory, in append order, for assertions. Thread-safe. */
public final class InMemoryAuditLog implements AuditLog, AuditHistory {

    private static final Comparator<AuditEvent> NEWEST_FIRST =
            Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed();

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void append(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public AuditPage about(String subject, Optional<AuditCursor> after, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
        var page = events.stream()
                .filter(e -> e.subject().equals(Optional.of(subject)))
                .filter(e -> after.map(cursor -> cursor.precedes(e)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit + 1L)
                .toList();
        return AuditPage.of(page, limit);
    }

    @Override
    public synchronized int deleteOlderThan(Instant cutoff, int limit) {
        var doomed = events.stream().filter(e -> e.at().isBefore(cutoff))
                .sorted(Comparator.comparing(AuditEvent::at)).limit(limit).toList();
        events.removeAll(doomed);
        return doomed.size();
    }
}
