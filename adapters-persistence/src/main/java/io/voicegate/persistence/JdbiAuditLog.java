package io.voicegate.persistence;

import io.voicegate.core.audit.AuditCursor;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditHistory;
import io.voicegate.core.audit.AuditLog;
import io.voicegate.core.audit.AuditPage;
import io.voicegate.core.audit.Outcome;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The audit trail in {@code audit_events}: insert only, read by subject newest first, deleted only by the retention
 * sweep (on PostgreSQL a trigger refuses anything else). Thread-safe.
 */
public final class JdbiAuditLog implements AuditLog, AuditHistory, PersonalTables {

    private static final String COLUMNS = "id, actor, subject, action, resource_type, resource_id, outcome, "
            + "occurred_at, request_id, ip_hash, detail";
    private static final RowMapper<AuditEvent> ROW = (rs, ctx) -> new AuditEvent(
            Timestamps.uuid(rs, "id"), rs.getString("actor"), Timestamps.text(rs, "subject"), rs.getString("action"),
            rs.getString("resource_type"), Timestamps.text(rs, "resource_id"), Outcome.valueOf(rs.getString("outcome")),
            Timestamps.instant(rs, "occurred_at"), rs.getString("request_id"), Timestamps.text(rs, "ip_hash"),
            Timestamps.text(rs, "detail"));

    private final Jdbi jdbi;

    public JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void append(AuditEvent event) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_events (" + COLUMNS + ") VALUES (:id, :actor, :subject, "
                        + ":action, :resourceType, :resourceId, :outcome, :at, :requestId, :ipHash, :detail)")
                .bind("id", event.id())
                .bind("actor", event.actor())
                .bind("subject", event.subject().orElse(null))
                .bind("action", event.action())
                .bind("resourceType", event.resourceType())
                .bind("resourceId", event.resourceId().orElse(null))
                .bind("outcome", event.outcome().name())
                .bind("at", Timestamps.utc(event.at()))
                .bind("requestId", event.requestId())
                .bind("ipHash", event.ipHash().orElse(null))
                .bind("detail", event.detail().orElse(null))
                .execute());
    }

    @Override
    public AuditPage about(String subject, Optional<AuditCursor> after, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
        var sql = "SELECT " + COLUMNS + " FROM audit_events WHERE subject = :subject"
                + (after.isPresent() ? " AND (occurred_at < :at OR (occurred_at = :at AND id < :id))" : "")
                + " ORDER BY occurred_at DESC, id DESC LIMIT :n";
        var events = jdbi.withHandle(h -> {
            var query = h.createQuery(sql).bind("subject", subject).bind("n", limit + 1);
            after.ifPresent(cursor -> query.bind("at", Timestamps.utc(cursor.at())).bind("id", cursor.id()));
            return query.map(ROW).list();
        });
        return AuditPage.of(events, limit);
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events "
                        + "WHERE occurred_at < :cutoff ORDER BY occurred_at LIMIT :n)")
                .bind("cutoff", Timestamps.utc(cutoff)).bind("n", limit).execute());
    }

    /**
     * Tells the database how long audit events must be kept (RETENTION_AUDIT_DAYS); on PostgreSQL the trigger
     * refuses to delete younger events. Call at start-up, before the first sweep.
     */
    public void retainFor(int days) {
        if (days < 1) throw new IllegalArgumentException("days must be >= 1");
        jdbi.useHandle(h -> h.createUpdate("UPDATE audit_settings SET retention_days = :days WHERE id = 1")
                .bind("days", days).execute());
    }

    @Override
    public Set<String> personalTables() {
        // Exported by ExportUserData; kept after erasure, unlinkable once the pseudonym key is forgotten.
        return Set.of("audit_events");
    }
}
