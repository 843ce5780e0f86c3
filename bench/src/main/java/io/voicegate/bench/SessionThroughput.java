package io.voicegate.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.session.CreateSession;
import io.voicegate.core.session.EndSession;
import io.voicegate.core.session.RecordTurn;
import io.voicegate.core.session.SessionPolicy;
import io.voicegate.core.session.StartSession;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.UsagePricing;
import io.voicegate.persistence.Database;
import io.voicegate.persistence.DatabaseSettings;
import io.voicegate.persistence.JdbiConsentStore;
import io.voicegate.persistence.JdbiSessionStore;
import io.voicegate.persistence.JdbiTranscriptStore;
import io.voicegate.persistence.JdbiUsageStore;
import io.voicegate.testkit.Consents;
import io.voicegate.testkit.FakeVoiceProvider;
import io.voicegate.testkit.InMemoryPseudonyms;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/**
 * Throughput of the session write path on a real database: create a session (provider check, quota check, fake
 * mint, insert), start it, record 10 transcript turns one by one as the relay would, end it. Audit events go to a
 * log that discards them, so only the session tables are measured. {@code h2} is the embedded default (an H2 file in a
 * temporary directory), {@code h2-mem} an in-memory H2.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.voicegate.bench.SessionThroughput h2|h2-mem|postgres [threads=1] [sessions per run=500] [runs=5]
 * </pre>
 * PostgreSQL: {@code VOICEGATE_BENCH_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}) and
 * {@code VOICEGATE_BENCH_POSTGRES_USER} (default: the OS user); a fresh schema per invocation, dropped afterwards.
 */
public final class SessionThroughput {

    private static final RequestContext REQUEST = RequestContext.of("bench", "127.0.0.1");

    private SessionThroughput() {
    }

    public static void main(String[] args) throws Exception {
        var kind = args.length > 0 ? args[0] : "h2";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int perRun = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        var target = Target.open(kind, Math.max(4, threads * 2));
        try (var pool = target.pool()) {
            Database.migrate(pool);
            var jdbi = Jdbi.create(pool);
            var clock = Clock.systemUTC();
            var ids = IdGenerator.random();
            var audit = new AuditTrail(event -> { }, new InMemoryPseudonyms(), clock, ids, new byte[32]);
            var sessions = new JdbiSessionStore(jdbi);
            var transcripts = new JdbiTranscriptStore(jdbi);
            var quotas = new QuotaGuard(sessions, new JdbiUsageStore(jdbi), UsagePricing.defaults(), QuotaLimits.defaults());
            var providers = new ProviderRegistry(List.of(FakeVoiceProvider.standard(clock)));
            var consents = new JdbiConsentStore(jdbi);
            var create = new CreateSession(sessions, providers, quotas, new ConsentGate(consents, ConsentPolicy.defaults()),
                    SessionPolicy.defaults(), audit, clock, ids);
            var start = new StartSession(sessions, audit, clock);
            var end = new EndSession(sessions, audit, clock);
            var record = new RecordTurn(sessions, transcripts);
            var users = new ArrayList<UserId>();
            for (int t = 0; t < threads; t++) users.add(insertUser(jdbi));
            users.forEach(user -> Consents.grantAll(consents, user, clock.instant()));

            var executor = Executors.newFixedThreadPool(threads);
            try {
                System.out.printf("database=%s threads=%d sessions/run=%d runs=%d cores=%d java=%s%n", kind, threads,
                        perRun, runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
                runOnce(executor, users, perRun / 2, create, start, end, record, clock); // warm-up
                var rates = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long began = System.nanoTime();
                    runOnce(executor, users, perRun, create, start, end, record, clock);
                    double seconds = (System.nanoTime() - began) / 1e9;
                    rates[r] = perRun / seconds;
                    System.out.printf("run %d: %.1f sessions/s%n", r + 1, rates[r]);
                }
                Arrays.sort(rates);
                System.out.printf("median: %.1f sessions/s%n", rates[runs / 2]);
            } finally {
                executor.shutdownNow();
            }
        } finally {
            target.cleanUp();
        }
    }

    private static void runOnce(java.util.concurrent.ExecutorService executor, List<UserId> users, int count,
                                CreateSession create, StartSession start, EndSession end, RecordTurn record,
                                Clock clock) throws Exception {
        var tasks = new ArrayList<Callable<Void>>();
        int each = count / users.size();
        for (var user : users) {
            tasks.add(() -> {
                for (int i = 0; i < each; i++) oneSession(user, create, start, end, record, clock);
                return null;
            });
        }
        for (var future : executor.invokeAll(tasks)) future.get();
    }

    private static void oneSession(UserId user, CreateSession create, StartSession start, EndSession end,
                                   RecordTurn record, Clock clock) {
        var session = create.handle(new CreateSession.Command(user, "fake", Optional.of("relay"), Optional.empty(),
                Optional.empty(), "{\"bench\":true}", REQUEST)).session();
        start.handle(new StartSession.Command(user, session.id(), REQUEST));
        for (int turn = 0; turn < 10; turn++) {
            var at = clock.instant();
            record.handle(new Turn(session.id(), "item_" + turn, turn % 2 == 0 ? TurnRole.USER : TurnRole.ASSISTANT,
                    "Turn number " + turn + " of a benchmark conversation, about as long as a spoken sentence.", at, at));
        }
        end.handle(new EndSession.Command(user, session.id(), REQUEST));
    }

    private static UserId insertUser(Jdbi jdbi) {
        var id = new UserId(UUID.randomUUID());
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (id, created_at) VALUES (:id, :at)")
                .bind("id", id.value()).bind("at", OffsetDateTime.now(ZoneOffset.UTC)).execute());
        return id;
    }

    /** Where to measure, and how to clean up afterwards. */
    private record Target(HikariDataSource pool, Runnable dispose) {

        void cleanUp() {
            dispose.run();
        }

        static Target open(String kind, int poolSize) throws Exception {
            switch (kind) {
                case "h2" -> {
                    var dir = Files.createTempDirectory("voicegate-bench");
                    return new Target(Database.pool(DatabaseSettings.embedded(dir, poolSize)), () -> delete(dir));
                }
                case "h2-mem" -> {
                    var settings = DatabaseSettings.inMemory("bench" + System.nanoTime());
                    return new Target(Database.pool(new DatabaseSettings(settings.jdbcUrl(), "sa", "", poolSize)), () -> { });
                }
                case "postgres" -> {
                    var url = Optional.ofNullable(System.getenv("VOICEGATE_BENCH_POSTGRES_URL")).orElse("jdbc:postgresql://127.0.0.1:5432/test");
                    var user = Optional.ofNullable(System.getenv("VOICEGATE_BENCH_POSTGRES_USER")).orElse(System.getProperty("user.name"));
                    var schema = "vg_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    try (var c = DriverManager.getConnection(url, user, ""); var s = c.createStatement()) {
                        s.execute("CREATE SCHEMA " + schema);
                    }
                    var pool = Database.pool(new DatabaseSettings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, "", poolSize));
                    return new Target(pool, () -> {
                        try (var c = DriverManager.getConnection(url, user, ""); var s = c.createStatement()) {
                            s.execute("DROP SCHEMA " + schema + " CASCADE");
                        } catch (java.sql.SQLException e) {
                            System.err.println("could not drop schema " + schema + ": " + e.getSQLState());
                        }
                    });
                }
                default -> throw new IllegalArgumentException("database must be h2, h2-mem or postgres, was " + kind);
            }
        }

        private static void delete(Path dir) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                System.err.println("could not delete " + dir);
            }
        }
    }
}
