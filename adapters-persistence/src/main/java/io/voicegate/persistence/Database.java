package io.voicegate.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Optional;

/** The connection pool and the schema: one migration set that runs unchanged on H2 and PostgreSQL. */
public final class Database {

    private Database() {
    }

    public static HikariDataSource pool(DatabaseSettings settings) {
        var config = new HikariConfig();
        config.setPoolName("voicegate");
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) config.setUsername(settings.user());
        if (!settings.password().isEmpty()) config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        // Fail at start-up with the pool's own clear message when the database is unreachable.
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Applies pending migrations; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new AuditAppendOnly())
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** Empty when the database answers a trivial query within two seconds, else a client-safe reason. */
    public static Optional<String> problem(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            if (connection.isValid(2)) return Optional.empty();
            return Optional.of("database did not answer within 2 s");
        } catch (SQLException e) {
            return Optional.of("database unavailable (SQL state " + e.getSQLState() + ")");
        }
    }
}
