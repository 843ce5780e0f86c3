package io.voicegate.persistence;

import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.UnmatchedWebhook;
import io.voicegate.core.postcall.WebhookEvents;
import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.session.SessionRef;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WebhookEvents} in the {@code webhook_events} and {@code unmatched_webhooks} tables. A claim is an insert
 * guarded by the primary key, so it is atomic across every instance sharing the database. As {@link ExpiringData}
 * the retention sweep deletes kept reports (they hold transcripts) older than the session retention period, in
 * batches. Thread-safe.
 */
public final class JdbiWebhookEvents implements WebhookEvents, ExpiringData {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String UNMATCHED_COLUMNS =
            "SELECT event_key, provider, conversation_id, session_ref, received_at, body FROM unmatched_webhooks ";

    private final Jdbi jdbi;

    public JdbiWebhookEvents(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean claim(String eventKey, Instant at) {
        return insertOnce(() -> jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO webhook_events (event_key, claimed_at) VALUES (:key, :at)")
                .bind("key", eventKey).bind("at", utc(at)).execute()));
    }

    @Override
    public void release(String eventKey) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM webhook_events WHERE event_key = :key")
                .bind("key", eventKey).execute());
    }

    @Override
    public void keepUnmatched(UnmatchedWebhook event) {
        insertOnce(() -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO unmatched_webhooks "
                        + "(event_key, provider, conversation_id, session_ref, received_at, body) "
                        + "VALUES (:key, :provider, :conversation, :ref, :at, :body)")
                .bind("key", event.eventKey())
                .bind("provider", event.provider())
                .bind("conversation", event.conversationId())
                .bind("ref", event.sessionRef().map(SessionRef::value).orElse(null))
                .bind("at", utc(event.receivedAt()))
                .bind("body", event.body())
                .execute()));
    }

    @Override
    public List<UnmatchedWebhook> unmatchedByConversation(String provider, String conversationId) {
        return jdbi.withHandle(h -> h.createQuery(UNMATCHED_COLUMNS
                        + "WHERE provider = :provider AND conversation_id = :conversation ORDER BY received_at, event_key")
                .bind("provider", provider).bind("conversation", conversationId)
                .map((rs, ctx) -> unmatched(rs)).list());
    }

    @Override
    public List<UnmatchedWebhook> unmatchedBySessionRef(SessionRef ref) {
        return jdbi.withHandle(h -> h.createQuery(UNMATCHED_COLUMNS
                        + "WHERE session_ref = :ref ORDER BY received_at, event_key")
                .bind("ref", ref.value())
                .map((rs, ctx) -> unmatched(rs)).list());
    }

    @Override
    public void discardUnmatched(String eventKey) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM unmatched_webhooks WHERE event_key = :key")
                .bind("key", eventKey).execute());
    }

    @Override
    public int forgetClaimsBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhook_events WHERE claimed_at < :cutoff")
                .bind("cutoff", utc(cutoff)).execute());
    }

    @Override
    public int discardUnmatchedBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM unmatched_webhooks WHERE received_at < :cutoff")
                .bind("cutoff", utc(cutoff)).execute());
    }

    @Override
    public String name() {
        return "unmatched_webhooks";
    }

    /** Deletes at most {@code limit} kept reports received strictly before the cutoff, oldest first. */
    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return jdbi.inTransaction(h -> {
            var keys = h.createQuery("SELECT event_key FROM unmatched_webhooks WHERE received_at < :cutoff "
                            + "ORDER BY received_at, event_key LIMIT :limit")
                    .bind("cutoff", utc(cutoff)).bind("limit", limit).mapTo(String.class).list();
            if (keys.isEmpty()) return 0;
            return h.createUpdate("DELETE FROM unmatched_webhooks WHERE event_key IN (<keys>)")
                    .bindList("keys", keys).execute();
        });
    }

    private static UnmatchedWebhook unmatched(ResultSet rs) throws SQLException {
        var call = new CallRef(rs.getString("provider"), rs.getString("conversation_id"),
                Optional.ofNullable(rs.getString("session_ref")).flatMap(SessionRef::parse));
        return new UnmatchedWebhook(rs.getString("event_key"), call,
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getBytes("body"));
    }

    /** Runs an insert; false when the row was already there. */
    private static boolean insertOnce(Runnable insert) {
        try {
            insert.run();
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) return false;
            throw e;
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
