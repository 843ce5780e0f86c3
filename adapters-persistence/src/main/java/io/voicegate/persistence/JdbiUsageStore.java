package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsageRecord;
import io.voicegate.core.usage.UsageStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@link UsageStore} on the append-only {@code usage_records} table. Thread-safe. */
public final class JdbiUsageStore implements UsageStore {

    private static final String COLUMNS = "id, session_id, user_id, provider, model, recorded_at, audio_seconds_in, "
            + "audio_seconds_out, text_tokens_in, text_tokens_out, audio_tokens_in, audio_tokens_out, characters";
    private static final RowMapper<UsageRecord> MAPPER = (rs, ctx) -> new UsageRecord(
            rs.getObject("id", UUID.class), new SessionId(rs.getObject("session_id", UUID.class)),
            new UserId(rs.getObject("user_id", UUID.class)), rs.getString("provider"), rs.getString("model"),
            Timestamps.instant(rs, "recorded_at"),
            new Usage(rs.getDouble("audio_seconds_in"), rs.getDouble("audio_seconds_out"), rs.getLong("text_tokens_in"),
                    rs.getLong("text_tokens_out"), rs.getLong("audio_tokens_in"), rs.getLong("audio_tokens_out"),
                    rs.getLong("characters")));

    private final Jdbi jdbi;

    public JdbiUsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void append(UsageRecord r) {
        var u = r.usage();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO usage_records (" + COLUMNS + ") VALUES (:id, :session_id, "
                        + ":user_id, :provider, :model, :recorded_at, :asi, :aso, :tti, :tto, :ati, :ato, :chars)")
                .bind("id", r.id()).bind("session_id", r.session().value()).bind("user_id", r.owner().value())
                .bind("provider", r.provider()).bind("model", r.model()).bind("recorded_at", Timestamps.utc(r.at()))
                .bind("asi", u.audioSecondsIn()).bind("aso", u.audioSecondsOut())
                .bind("tti", u.textTokensIn()).bind("tto", u.textTokensOut())
                .bind("ati", u.audioTokensIn()).bind("ato", u.audioTokensOut()).bind("chars", u.characters())
                .execute());
    }

    @Override
    public List<UsageRecord> forOwner(UserId owner, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_records WHERE user_id = :owner "
                        + "AND recorded_at >= :from AND recorded_at < :to ORDER BY recorded_at, id")
                .bind("owner", owner.value()).bind("from", Timestamps.utc(from)).bind("to", Timestamps.utc(to))
                .map(MAPPER).list());
    }

    @Override
    public List<UsageRecord> forSession(SessionId session) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_records WHERE session_id = :session "
                        + "ORDER BY recorded_at, id")
                .bind("session", session.value()).map(MAPPER).list());
    }
}
