package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link SessionRefs} as columns of {@code voice_sessions} ({@code session_ref}, unique, and
 * {@code provider_conversation_id}), so references and conversation ids go wherever their session goes (erasure,
 * retention). Thread-safe; each call is one statement.
 */
public final class JdbiSessionRefs implements SessionRefs {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final RowMapper<Target> TARGET = (rs, ctx) ->
            new Target(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)));

    private final Jdbi jdbi;

    public JdbiSessionRefs(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void assign(SessionRef ref, Target target) {
        int updated;
        try {
            updated = jdbi.withHandle(h -> h.createUpdate("UPDATE voice_sessions SET session_ref = :ref "
                            + "WHERE id = :id AND user_id = :user AND session_ref IS NULL")
                    .bind("ref", ref.value()).bind("id", target.sessionId()).bind("user", target.user().value())
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw new IllegalStateException("session reference already bound");
            }
            throw e;
        }
        if (updated != 1) throw new IllegalStateException("no session without a reference to bind it to");
    }

    @Override
    public Optional<Target> find(SessionRef ref) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, user_id FROM voice_sessions WHERE session_ref = :ref")
                .bind("ref", ref.value()).map(TARGET).findOne());
    }

    @Override
    public Optional<SessionRef> refOf(UUID sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT session_ref FROM voice_sessions WHERE id = :id AND session_ref IS NOT NULL")
                .bind("id", sessionId).mapTo(String.class).findOne().map(SessionRef::new));
    }

    @Override
    public boolean linkConversation(UUID sessionId, String conversationId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE voice_sessions SET provider_conversation_id = :conversation "
                        + "WHERE id = :id AND provider_conversation_id IS NULL")
                .bind("conversation", conversationId).bind("id", sessionId).execute()) == 1;
    }

    @Override
    public Optional<Target> findByConversation(String provider, String conversationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, user_id FROM voice_sessions "
                        + "WHERE provider = :provider AND provider_conversation_id = :conversation "
                        + "ORDER BY created_at DESC, id DESC LIMIT 1")
                .bind("provider", provider).bind("conversation", conversationId).map(TARGET).findOne());
    }
}
