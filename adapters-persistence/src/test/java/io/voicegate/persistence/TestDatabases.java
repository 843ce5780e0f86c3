package io.voicegate.persistence;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Real databases for tests: a fresh in-memory H2, or a fresh schema in the local PostgreSQL
 * ({@code VOICEGATE_TEST_POSTGRES_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code VOICEGATE_TEST_POSTGRES_USER} or the OS user). Without a PostgreSQL, tests are skipped loudly; with
 * {@code CI=true}, a missing PostgreSQL fails them instead.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** Settings for a fresh, empty in-memory H2 database. */
    public static DatabaseSettings h2() {
        return DatabaseSettings.inMemory("vg_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** Settings for a fresh, empty schema in the local PostgreSQL; skips (or, in CI, fails) when there is none. */
    public static DatabaseSettings postgres() {
        var base = Optional.ofNullable(System.getenv("VOICEGATE_TEST_POSTGRES_URL"))
                .orElse("jdbc:postgresql://127.0.0.1:5432/test");
        var user = Optional.ofNullable(System.getenv("VOICEGATE_TEST_POSTGRES_USER"))
                .orElse(System.getProperty("user.name"));
        var schema = "vg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (var connection = DriverManager.getConnection(base, user, "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            var message = "PostgreSQL not reachable at " + base + " (" + e.getSQLState() + "): PostgreSQL tests cannot run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("CI=true and " + message, e);
            System.err.println("*** SKIPPED *** " + message);
            Assumptions.abort(message);
        }
        var separator = base.contains("?") ? "&" : "?";
        return new DatabaseSettings(base + separator + "currentSchema=" + schema, user, "", 4);
    }

    /** Settings for the named kind ({@code h2} or {@code postgres}). */
    public static DatabaseSettings of(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "h2" -> h2();
            case "postgres", "postgresql" -> postgres();
            default -> throw new IllegalArgumentException("unknown database kind " + kind);
        };
    }

    /** A pool on a fresh database with every migration applied. Close it after the test. */
    public static HikariDataSource migrated(DatabaseSettings settings) {
        var pool = Database.pool(settings);
        Database.migrate(pool);
        return pool;
    }
}
