package io.voicegate.persistence;

import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;

/** A fresh, migrated database of one kind ({@code h2} or {@code postgres}) for one test; close it afterwards. */
public final class MigratedDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    public MigratedDatabase(String kind) {
        this.pool = TestDatabases.migrated(TestDatabases.of(kind));
        this.jdbi = Jdbi.create(pool);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
