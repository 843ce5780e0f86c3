package io.voicegate.launcher.privacy;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.Outcome;
import io.voicegate.launcher.Voicegate;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.persistence.Database;
import io.voicegate.persistence.JdbiStores;
import io.voicegate.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code retention --now}: one sweep against the configured database, counts printed, exit code 0. */
class RetentionNowIT {

    @TempDir
    Path dataDir;

    private static void appendOldEvent(LauncherConfig config) {
        try (var pool = Database.pool(config.database())) {
            Database.migrate(pool);
            JdbiStores.create(pool, Clock.systemUTC()).audit().append(new AuditEvent(UUID.randomUUID(), "system",
                    Optional.empty(), "retention.swept", "retention", Optional.empty(), Outcome.SUCCESS,
                    Instant.parse("2020-01-01T00:00:00Z"), "system:test", Optional.empty(), Optional.empty()));
        }
    }

    @Test
    void one_sweep_on_postgres_deletes_old_audit_events_and_records_itself() {
        var settings = TestDatabases.postgres();
        var config = LauncherConfig.from(new Env(Map.of("DATA_DIR", dataDir.toString(),
                "DATABASE_URL", settings.jdbcUrl() + "&user=" + settings.user())));
        appendOldEvent(config);

        var result = Voicegate.sweepOnce(config);

        assertThat(result.removed()).containsEntry("audit_events", 1);
        assertThat(Voicegate.sweepOnce(config).removed()).containsEntry("audit_events", 0);
    }

    @Test
    void the_jar_runs_one_sweep_on_the_embedded_database_prints_the_counts_and_exits_0() throws Exception {
        var jar = Path.of("target", "voicegate.jar").toAbsolutePath();
        assertThat(jar).exists();
        var config = LauncherConfig.from(new Env(Map.of("DATA_DIR", dataDir.toString())));
        appendOldEvent(config);

        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-jar", jar.toString(), "retention", "--now")
                .directory(dataDir.toFile()).redirectErrorStream(true);
        var environment = process.environment();
        environment.keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
        environment.put("DATA_DIR", dataDir.toString());
        var running = process.start();
        var finished = running.waitFor(120, TimeUnit.SECONDS);
        var output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("the sweep ends by itself").isTrue();
        assertThat(running.exitValue()).as(output).isZero();
        assertThat(output).contains("retention sweep removed 1 rows: voice_sessions=0 api_usage=0 unmatched_webhooks=0 refresh_tokens=0 audit_events=1");
        assertThat(dataDir.resolve("keys").resolve(AuditKeys.FILE)).exists();
    }

    @Test
    void anything_but_retention_now_is_a_usage_error() throws Exception {
        var jar = Path.of("target", "voicegate.jar").toAbsolutePath();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var running = new ProcessBuilder(java, "-jar", jar.toString(), "retention").redirectErrorStream(true).start();
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isEqualTo(2);
        assertThat(new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("retention --now");
        assertThat(Files.exists(dataDir.resolve("keys"))).isFalse();
    }
}
