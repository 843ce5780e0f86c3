package io.voicegate.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.audit.AuditLog;
import io.voicegate.core.audit.Pseudonyms;
import io.voicegate.core.consent.ConsentStore;
import io.voicegate.testkit.AuditLogContract;
import io.voicegate.testkit.ConsentStoreContract;
import io.voicegate.testkit.PseudonymsContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The Jdbi consent, audit and pseudonym stores keep the testkit contracts on H2 and on PostgreSQL. */
class JdbiStoresIT {

    private final List<HikariDataSource> pools = new ArrayList<>();

    private JdbiStores stores(String kind) {
        var pool = TestDatabases.migrated(TestDatabases.of(kind));
        pools.add(pool);
        return JdbiStores.create(pool, Clock.systemUTC());
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @Nested
    class ConsentsOnH2 extends ConsentStoreContract {
        @Override
        protected ConsentStore newStore() {
            return stores("h2").consents();
        }
    }

    @Nested
    class ConsentsOnPostgres extends ConsentStoreContract {
        @Override
        protected ConsentStore newStore() {
            return stores("postgres").consents();
        }
    }

    @Nested
    class AuditOnH2 extends AuditLogContract {
        @Override
        protected AuditLog newStore() {
            return stores("h2").audit();
        }
    }

    @Nested
    class AuditOnPostgres extends AuditLogContract {
        @Override
        protected AuditLog newStore() {
            return stores("postgres").audit();
        }
    }

    @Nested
    class PseudonymsOnH2 extends PseudonymsContract {
        @Override
        protected Pseudonyms newStore() {
            return stores("h2").pseudonyms();
        }
    }

    @Nested
    class PseudonymsOnPostgres extends PseudonymsContract {
        @Override
        protected Pseudonyms newStore() {
            return stores("postgres").pseudonyms();
        }
    }
}
