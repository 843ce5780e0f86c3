package io.voicegate.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of audit events, newest first, and the cursor of the next page when there is one. */
public record AuditPage(List<AuditEvent> events, Optional<AuditCursor> next) {

    public AuditPage {
        events = List.copyOf(events);
        Objects.requireNonNull(next, "next");
    }

    /** A page from up to {@code limit + 1} events read: the extra one only says that another page exists. */
    public static AuditPage of(List<AuditEvent> readOneMore, int limit) {
        if (readOneMore.size() <= limit) return new AuditPage(readOneMore, Optional.empty());
        var page = readOneMore.subList(0, limit);
        return new AuditPage(page, Optional.of(AuditCursor.of(page.get(limit - 1))));
    }
}
