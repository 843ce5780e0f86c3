package io.voicegate.persistence;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.privacy.RetentionPolicy;
import io.voicegate.core.privacy.RetentionSweep;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention sweep over the real audit table: exactly at the boundary, in batches, audited. */
class RetentionSweepIT {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void the_sweep_deletes_audit_events_strictly_older_than_the_period_in_batches(String kind) {
        try (var pool = TestDatabases.migrated(TestDatabases.of(kind))) {
            // On PostgreSQL the trigger judges age by the database's clock, so the test clock starts at real time.
            var clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            var stores = JdbiStores.create(pool, clock);
            var cutoff = clock.instant().minus(Duration.ofDays(730));
            append(stores, cutoff);                              // exactly at the boundary: kept
            append(stores, cutoff.minus(1, ChronoUnit.MICROS));  // one microsecond older: deleted
            for (int i = 0; i < 11; i++) append(stores, cutoff.minus(Duration.ofDays(1 + i)));
            var trail = new AuditTrail(stores.audit(), stores.pseudonyms(), clock, new SequentialIds(),
                    "a retention test key of 32 bytes".getBytes());
            var sweep = new RetentionSweep(new RetentionPolicy(Duration.ofDays(90), Duration.ofDays(730), 5),
                    stores.expiringData(), stores.audit(), trail, clock);

            var result = sweep.handle();

            assertThat(result.removed()).containsEntry("audit_events", 12);
            var left = Jdbi.create(pool).withHandle(h -> h.createQuery(
                    "SELECT action FROM audit_events ORDER BY occurred_at").mapTo(String.class).list());
            assertThat(left).containsExactly("session.read", "retention.swept");
            assertThat(sweep.handle().removed()).containsEntry("audit_events", 0);
        }
    }

    private static void append(JdbiStores stores, Instant at) {
        stores.audit().append(new AuditEvent(UUID.randomUUID(), "psn_1", Optional.of("psn_1"), "session.read",
                "session", Optional.empty(), Outcome.SUCCESS, at, "req", Optional.empty(), Optional.empty()));
    }
}
