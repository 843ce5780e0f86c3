package io.voicegate.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.testkit.SessionRefsContract;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The session-reference contract on the {@code voice_sessions} columns, on H2 and on PostgreSQL. */
class JdbiSessionRefsIT {

    abstract static class OnDatabase extends SessionRefsContract {

        private HikariDataSource pool;
        private Jdbi jdbi;
        private JdbiSessionRefs refs;

        abstract HikariDataSource database();

        @BeforeEach
        void migrate() {
            pool = database();
            jdbi = Jdbi.create(pool);
            refs = new JdbiSessionRefs(jdbi);
        }

        @AfterEach
        void close() {
            pool.close();
        }

        @Override
        protected SessionRefs refs() {
            return refs;
        }

        @Override
        protected SessionRefs.Target target() {
            var user = TestUsers.insert(jdbi);
            var id = new SessionId(UUID.randomUUID());
            var now = Instant.parse("2026-01-01T00:00:00Z");
            new JdbiSessionStore(jdbi).insert(VoiceSession.created(id, user, provider(), ConnectionMode.WEBSOCKET,
                    Optional.empty(), Optional.empty(), "{}", now, now.plusSeconds(900)));
            return new SessionRefs.Target(id.value(), user);
        }
    }

    @Nested
    class H2 extends OnDatabase {
        @Override
        HikariDataSource database() {
            return TestDatabases.migrated(TestDatabases.h2());
        }
    }

    @Nested
    class Postgres extends OnDatabase {
        @Override
        HikariDataSource database() {
            return TestDatabases.migrated(TestDatabases.postgres());
        }
    }
}
