package io.voicegate.persistence;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export and erasure are complete by construction: every table that holds rows about a person belongs to a store
 * registered in {@link JdbiStores}. A new table with a user column fails this test until its store is registered.
 */
class PersonalDataCoverageIT {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void every_table_with_a_user_column_belongs_to_a_registered_personal_data_store(String kind) {
        try (var pool = TestDatabases.migrated(TestDatabases.of(kind))) {
            var personal = Schema.personalTables(pool);
            var uncovered = new TreeSet<>(personal);
            uncovered.removeAll(JdbiStores.create(pool, Clock.systemUTC()).personalTables());

            assertThat(personal).as("the schema scan sees the known tables").contains("users", "consents", "audit_events",
                    "voice_sessions", "usage_records", "api_usage_records", "refresh_tokens");
            assertThat(personal).as("a table without a user column, reached by a foreign key").contains("transcript_turns");
            assertThat(uncovered).as("tables with user data that no registered store exports and erases").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_new_table_that_hangs_off_a_session_is_noticed(String kind) {
        try (var pool = TestDatabases.migrated(TestDatabases.of(kind))) {
            Jdbi.create(pool).useHandle(h -> h.execute("CREATE TABLE session_notes (id UUID PRIMARY KEY, "
                    + "session_id UUID NOT NULL REFERENCES voice_sessions (id), note VARCHAR(200))"));
            var uncovered = new TreeSet<>(Schema.personalTables(pool));
            uncovered.removeAll(JdbiStores.create(pool, Clock.systemUTC()).personalTables());
            assertThat(uncovered).containsExactly("session_notes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_new_table_with_a_user_column_is_noticed(String kind) {
        try (var pool = TestDatabases.migrated(TestDatabases.of(kind))) {
            Jdbi.create(pool).useHandle(h -> h.execute("CREATE TABLE voice_notes (id UUID PRIMARY KEY, owner_id UUID)"));
            var uncovered = new TreeSet<>(Schema.personalTables(pool));
            uncovered.removeAll(JdbiStores.create(pool, Clock.systemUTC()).personalTables());
            assertThat(uncovered).containsExactly("voice_notes");
        }
    }
}
