package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionCursor;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.VoiceSession;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link SessionStore} on the {@code voice_sessions} table. Thread-safe; each call is one statement. */
public final class JdbiSessionStore implements SessionStore {

    private static final String COLUMNS = "id, user_id, provider, mode, model, voice, metadata, status, end_reason, "
            + "transcript_stored, created_at, started_at, ended_at, expires_at";
    private static final RowMapper<VoiceSession> MAPPER = JdbiSessionStore::map;

    private final Jdbi jdbi;

    public JdbiSessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(VoiceSession s) {
        jdbi.useHandle(h -> bindAll(h.createUpdate("INSERT INTO voice_sessions (" + COLUMNS + ") VALUES (:id, :user_id, "
                + ":provider, :mode, :model, :voice, :metadata, :status, :end_reason, :transcript_stored, :created_at, "
                + ":started_at, :ended_at, :expires_at)"), s).execute());
    }

    @Override
    public Optional<VoiceSession> find(SessionId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM voice_sessions WHERE id = :id")
                .bind("id", id.value()).map(MAPPER).findOne());
    }

    @Override
    public boolean update(VoiceSession next, SessionStatus expected) {
        return jdbi.withHandle(h -> bindAll(h.createUpdate("UPDATE voice_sessions SET status = :status, "
                + "end_reason = :end_reason, transcript_stored = :transcript_stored, started_at = :started_at, "
                + "ended_at = :ended_at, expires_at = :expires_at, metadata = :metadata "
                + "WHERE id = :id AND status = :expected"), next)
                .bind("expected", expected.wire())
                .execute()) == 1;
    }

    @Override
    public List<VoiceSession> listOwned(UserId owner, Optional<SessionStatus> status, Optional<SessionCursor> after,
                                        int limit) {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM voice_sessions WHERE user_id = :owner");
        status.ifPresent(s -> sql.append(" AND status = :status"));
        after.ifPresent(c -> sql.append(" AND (created_at < :after_at OR (created_at = :after_at AND id < :after_id))"));
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("owner", owner.value()).bind("limit", limit);
            status.ifPresent(s -> query.bind("status", s.wire()));
            after.ifPresent(c -> query.bind("after_at", Timestamps.utc(c.createdAt())).bind("after_id", c.id().value()));
            return query.map(MAPPER).list();
        });
    }

    @Override
    public int countLive(UserId owner, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM voice_sessions WHERE user_id = :owner "
                        + "AND (status = 'active' OR (status = 'created' AND expires_at > :now))")
                .bind("owner", owner.value()).bind("now", Timestamps.utc(now))
                .mapTo(Integer.class).one());
    }

    @Override
    public List<VoiceSession> ownedBetween(UserId owner, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM voice_sessions WHERE user_id = :owner "
                        + "AND ((created_at >= :from AND created_at < :to) "
                        + "OR (created_at < :from AND (status = 'active' OR ended_at >= :from))) "
                        + "ORDER BY created_at, id")
                .bind("owner", owner.value()).bind("from", Timestamps.utc(from)).bind("to", Timestamps.utc(to))
                .map(MAPPER).list());
    }

    @Override
    public List<VoiceSession> createdExpiredBy(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM voice_sessions "
                        + "WHERE status = 'created' AND expires_at <= :now ORDER BY expires_at, id LIMIT :limit")
                .bind("now", Timestamps.utc(now)).bind("limit", limit)
                .map(MAPPER).list());
    }

    @Override
    public List<VoiceSession> activeStartedBy(Instant cutoff, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM voice_sessions "
                        + "WHERE status = 'active' AND started_at <= :cutoff ORDER BY started_at, id LIMIT :limit")
                .bind("cutoff", Timestamps.utc(cutoff)).bind("limit", limit)
                .map(MAPPER).list());
    }

    private static <S extends SqlStatement<S>> S bindAll(S statement, VoiceSession s) {
        return statement.bind("id", s.id().value())
                .bind("user_id", s.owner().value())
                .bind("provider", s.provider())
                .bind("mode", s.mode().wire())
                .bind("model", s.model().orElse(null))
                .bind("voice", s.voice().orElse(null))
                .bind("metadata", s.metadata())
                .bind("status", s.status().wire())
                .bind("end_reason", s.endReason().map(EndReason::wire).orElse(null))
                .bind("transcript_stored", s.transcriptStored())
                .bind("created_at", Timestamps.utc(s.createdAt()))
                .bind("started_at", Timestamps.utc(s.startedAt().orElse(null)))
                .bind("ended_at", Timestamps.utc(s.endedAt().orElse(null)))
                .bind("expires_at", Timestamps.utc(s.expiresAt()));
    }

    private static VoiceSession map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new VoiceSession(
                new SessionId(rs.getObject("id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("provider"),
                ConnectionMode.parse(rs.getString("mode")).orElseThrow(() -> new SQLException("unknown mode")),
                Optional.ofNullable(rs.getString("model")),
                Optional.ofNullable(rs.getString("voice")),
                rs.getString("metadata"),
                SessionStatus.parse(rs.getString("status")).orElseThrow(() -> new SQLException("unknown status")),
                Optional.ofNullable(rs.getString("end_reason")).map(r -> EndReason.parse(r).orElseThrow()),
                Timestamps.instant(rs, "created_at"),
                Timestamps.optionalInstant(rs, "started_at"),
                Timestamps.optionalInstant(rs, "ended_at"),
                Timestamps.instant(rs, "expires_at"),
                rs.getBoolean("transcript_stored"));
    }
}
