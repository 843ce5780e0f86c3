package io.voicegate.persistence;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsIT {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void the_same_migrations_run_on_both_databases_and_the_pool_reports_ready(String kind) {
        try (var pool = Database.pool(TestDatabases.of(kind))) {
            assertThat(Database.migrate(pool)).isGreaterThanOrEqualTo(1);
            assertThat(Database.migrate(pool)).as("a second run finds nothing pending").isZero();
            assertThat(Database.problem(pool)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void a_closed_pool_is_reported_not_ready_with_a_reason_and_no_credentials(String kind) {
        var pool = Database.pool(TestDatabases.of(kind));
        pool.close();
        assertThat(Database.problem(pool)).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("database unavailable").doesNotContain("password"));
    }
}
