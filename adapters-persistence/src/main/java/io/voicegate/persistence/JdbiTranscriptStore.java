package io.voicegate.persistence;

import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.TranscriptStore;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.SQLException;
import java.util.List;

/**
 * {@link TranscriptStore} on the {@code transcript_turns} table; the primary key (session, item id) with
 * {@code ON CONFLICT DO NOTHING} makes appends idempotent without aborting the transaction (PostgreSQL would).
 */
public final class JdbiTranscriptStore implements TranscriptStore {

    private static final String INSERT = "INSERT INTO transcript_turns (session_id, item_id, role, text, started_at, "
            + "ended_at) VALUES (:session_id, :item_id, :role, :text, :started_at, :ended_at) ON CONFLICT DO NOTHING";

    private final Jdbi jdbi;

    public JdbiTranscriptStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean append(Turn turn) {
        return jdbi.withHandle(h -> insert(h, turn)) == 1;
    }

    @Override
    public int appendAll(List<Turn> turns) {
        if (turns.isEmpty()) return 0;
        return jdbi.inTransaction(h -> {
            var batch = h.prepareBatch(INSERT);
            for (var turn : turns) bind(batch, turn).add();
            int stored = 0;
            for (int count : batch.execute()) {
                if (count == java.sql.Statement.SUCCESS_NO_INFO) throw new IllegalStateException("driver hid batch counts");
                stored += count;
            }
            return stored;
        });
    }

    @Override
    public List<Turn> turns(SessionId session) {
        return jdbi.withHandle(h -> h.createQuery("SELECT session_id, item_id, role, text, started_at, ended_at "
                        + "FROM transcript_turns WHERE session_id = :session ORDER BY started_at, ended_at, item_id")
                .bind("session", session.value())
                .map((rs, ctx) -> new Turn(session, rs.getString("item_id"),
                        TurnRole.parse(rs.getString("role")).orElseThrow(() -> new SQLException("unknown role")),
                        rs.getString("text"), Timestamps.instant(rs, "started_at"), Timestamps.instant(rs, "ended_at")))
                .list());
    }

    private static int insert(Handle h, Turn turn) {
        return bind(h.createUpdate(INSERT), turn).execute();
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Turn turn) {
        return statement
                .bind("session_id", turn.session().value())
                .bind("item_id", turn.itemId())
                .bind("role", turn.role().wire())
                .bind("text", turn.text())
                .bind("started_at", Timestamps.utc(turn.startedAt()))
                .bind("ended_at", Timestamps.utc(turn.endedAt()));
    }
}
