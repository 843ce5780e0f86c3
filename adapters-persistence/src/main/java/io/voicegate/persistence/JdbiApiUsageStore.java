package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.privacy.PersonalData;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.ApiUsageRecord;
import io.voicegate.core.usage.ApiUsageStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ApiUsageStore} on the append-only {@code api_usage_records} table; also the {@code api_usage} section of a
 * person's data (export, erasure) and, as {@link ExpiringData}, rows deleted once older than the session retention
 * period (a usage row of a session goes with its session; these have none, so their own time counts). Thread-safe.
 */
public final class JdbiApiUsageStore implements ApiUsageStore, PersonalData, PersonalTables, ExpiringData {

    private static final String COLUMNS = "id, user_id, provider, endpoint, model, recorded_at, prompt_tokens, "
            + "completion_tokens";
    private static final RowMapper<ApiUsageRecord> MAPPER = (rs, ctx) -> new ApiUsageRecord(
            Timestamps.uuid(rs, "id"), new UserId(Timestamps.uuid(rs, "user_id")), rs.getString("provider"),
            ApiEndpoint.parse(rs.getString("endpoint"))
                    .orElseThrow(() -> new IllegalStateException("unknown endpoint in api_usage_records")),
            rs.getString("model"), Timestamps.instant(rs, "recorded_at"), rs.getLong("prompt_tokens"),
            rs.getLong("completion_tokens"));

    private final Jdbi jdbi;

    public JdbiApiUsageStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void append(ApiUsageRecord r) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_usage_records (" + COLUMNS + ") VALUES (:id, :user, "
                        + ":provider, :endpoint, :model, :at, :prompt, :completion)")
                .bind("id", r.id()).bind("user", r.user().value()).bind("provider", r.provider())
                .bind("endpoint", r.endpoint().wire()).bind("model", r.model()).bind("at", Timestamps.utc(r.at()))
                .bind("prompt", r.promptTokens()).bind("completion", r.completionTokens())
                .execute());
    }

    @Override
    public List<ApiUsageRecord> forUser(UserId user, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_usage_records WHERE user_id = :user "
                        + "AND recorded_at >= :from AND recorded_at < :to ORDER BY recorded_at, id")
                .bind("user", user.value()).bind("from", Timestamps.utc(from)).bind("to", Timestamps.utc(to))
                .map(MAPPER).list());
    }

    @Override
    public String section() {
        return "api_usage";
    }

    @Override
    public List<ApiUsageRecord> export(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_usage_records WHERE user_id = :user "
                        + "ORDER BY recorded_at, id")
                .bind("user", user.value()).map(MAPPER).list());
    }

    @Override
    public int erase(UserId user) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_usage_records WHERE user_id = :user")
                .bind("user", user.value()).execute());
    }

    @Override
    public Set<String> personalTables() {
        return Set.of("api_usage_records");
    }

    @Override
    public String name() {
        return "api_usage";
    }

    /** Deletes at most {@code limit} rows recorded strictly before the cutoff, oldest first. */
    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return jdbi.inTransaction(h -> {
            var ids = h.createQuery("SELECT id FROM api_usage_records WHERE recorded_at < :cutoff "
                            + "ORDER BY recorded_at, id LIMIT :limit")
                    .bind("cutoff", Timestamps.utc(cutoff)).bind("limit", limit).mapTo(UUID.class).list();
            if (ids.isEmpty()) return 0;
            return h.createUpdate("DELETE FROM api_usage_records WHERE id IN (<ids>)").bindList("ids", ids).execute();
        });
    }
}
