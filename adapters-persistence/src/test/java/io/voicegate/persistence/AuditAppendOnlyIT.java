package io.voicegate.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.Outcome;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On PostgreSQL the audit table itself refuses updates, truncation and deleting events younger than retention. */
class AuditAppendOnlyIT {

    private HikariDataSource pool;

    @AfterEach
    void close() {
        if (pool != null) pool.close();
    }

    private JdbiStores postgres() {
        pool = TestDatabases.migrated(TestDatabases.postgres());
        return JdbiStores.create(pool, Clock.systemUTC());
    }

    private static AuditEvent eventAged(Duration age) {
        // The trigger compares with the database's now(); real time is the only clock both sides share here.
        return new AuditEvent(UUID.randomUUID(), "psn_x", Optional.of("psn_x"), "session.read", "session",
                Optional.empty(), Outcome.SUCCESS, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(age), "req",
                Optional.empty(), Optional.empty());
    }

    private Jdbi jdbi() {
        return Jdbi.create(pool);
    }

    @Test
    void every_update_is_refused_even_of_old_events() {
        var stores = postgres();
        var old = eventAged(Duration.ofDays(800));
        stores.audit().append(old);

        assertThatThrownBy(() -> jdbi().useHandle(h -> h.execute("UPDATE audit_events SET action = 'x' WHERE id = ?", old.id())))
                .hasMessageContaining("append-only");
        String action = jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_events").mapTo(String.class).one());
        assertThat(action)
                .isEqualTo("session.read");
    }

    @Test
    void deleting_an_event_younger_than_the_retention_period_is_refused_and_an_older_one_allowed() {
        var stores = postgres();
        var young = eventAged(Duration.ofDays(729));
        var old = eventAged(Duration.ofDays(731));
        stores.audit().append(young);
        stores.audit().append(old);

        assertThatThrownBy(() -> jdbi().useHandle(h -> h.execute("DELETE FROM audit_events WHERE id = ?", young.id())))
                .hasMessageContaining("730 day retention period");
        assertThatThrownBy(() -> jdbi().useHandle(h -> h.execute("DELETE FROM audit_events")))
                .as("a sweeping delete that includes a young event removes nothing").hasMessageContaining("DELETE refused");
        int deleted = jdbi().withHandle(h -> h.execute("DELETE FROM audit_events WHERE id = ?", old.id()));
        assertThat(deleted).isEqualTo(1);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void truncation_is_refused() {
        var stores = postgres();
        stores.audit().append(eventAged(Duration.ofDays(1000)));
        assertThatThrownBy(() -> jdbi().useHandle(h -> h.execute("TRUNCATE audit_events"))).hasMessageContaining("TRUNCATE refused");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void the_trigger_follows_the_configured_retention_period() {
        var stores = postgres();
        var tenDays = eventAged(Duration.ofDays(10));
        stores.audit().append(tenDays);
        assertThatThrownBy(() -> jdbi().useHandle(h -> h.execute("DELETE FROM audit_events WHERE id = ?", tenDays.id())))
                .hasMessageContaining("DELETE refused");

        stores.audit().retainFor(7);
        assertThat(stores.audit().deleteOlderThan(Instant.now().minus(Duration.ofDays(7)), 100)).isEqualTo(1);
    }

    @Test
    void a_consent_answer_cannot_be_rewritten_but_a_persons_history_can_be_erased() {
        var stores = postgres();
        var user = new io.voicegate.core.identity.UserId(UUID.randomUUID());
        stores.consents().append(new io.voicegate.core.consent.Consent(UUID.randomUUID(), user,
                io.voicegate.core.consent.Purpose.VOICE_PROCESSING, 1, true, Instant.now(), Optional.empty()));

        assertThatThrownBy(() -> jdbi().useHandle(h -> h.execute("UPDATE consents SET granted = FALSE")))
                .hasMessageContaining("append-only");
        assertThat(stores.consents().history(user)).singleElement().satisfies(c -> assertThat(c.granted()).isTrue());
        assertThat(stores.consents().erase(user)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void both_databases_record_the_same_migration_set(String kind) {
        pool = TestDatabases.migrated(TestDatabases.of(kind));
        var versions = jdbi().withHandle(h -> h.createQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank").mapTo(String.class).list());
        assertThat(versions).contains("4", "4.1");
    }

    private long count() {
        return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events").mapTo(Long.class).one());
    }
}
