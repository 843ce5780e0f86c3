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
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionPolicy;
import io.voicegate.core.session.StartSession;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.UsagePricing;
import io.voicegate.persistence.Database;
import io.voicegate.persistence.JdbiConsentStore;
import io.voicegate.persistence.DatabaseSettings;
import io.voicegate.persistence.JdbiSessionStore;
import io.voicegate.persistence.JdbiTranscriptStore;
import io.voicegate.persistence.JdbiUsageStore;
import io.voicegate.testkit.Consents;
import io.voicegate.testkit.FakeVoiceProvider;
import io.voicegate.testkit.InMemoryPseudonyms;
import org.jdbi.v3.core.Jdbi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Persisting one transcript turn as a relay does when a turn finishes: {@link JdbiTranscriptStore#append} (an
 * idempotent insert on session and item id) into an embedded H2 file database through the HikariCP pool, one
 * session receiving turns one after another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranscriptAppendBenchmark {

    private static final RequestContext REQUEST = RequestContext.of("bench", "127.0.0.1");

    private Path dir;
    private HikariDataSource pool;
    private JdbiTranscriptStore transcripts;
    private SessionId session;
    private Clock clock;
    private long next;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("voicegate-bench-transcripts");
        pool = Database.pool(DatabaseSettings.embedded(dir, 4));
        Database.migrate(pool);
        var jdbi = Jdbi.create(pool);
        clock = Clock.systemUTC();
        var ids = IdGenerator.random();
        var audit = new AuditTrail(event -> { }, new InMemoryPseudonyms(), clock, ids, new byte[32]);
        var sessions = new JdbiSessionStore(jdbi);
        transcripts = new JdbiTranscriptStore(jdbi);
        var quotas = new QuotaGuard(sessions, new JdbiUsageStore(jdbi), UsagePricing.defaults(), QuotaLimits.defaults());
        var consents = new JdbiConsentStore(jdbi);
        var create = new CreateSession(sessions, new ProviderRegistry(List.of(FakeVoiceProvider.standard(clock))), quotas,
                new ConsentGate(consents, ConsentPolicy.defaults()), SessionPolicy.defaults(), audit, clock, ids);
        var user = new UserId(UUID.randomUUID());
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (id, created_at) VALUES (:id, :at)")
                .bind("id", user.value()).bind("at", OffsetDateTime.now(ZoneOffset.UTC)).execute());
        Consents.grantAll(consents, user, clock.instant());
        session = create.handle(new CreateSession.Command(user, "fake", Optional.of("relay"), Optional.empty(),
                Optional.empty(), "{\"bench\":true}", REQUEST)).session().id();
        new StartSession(sessions, audit, clock).handle(new StartSession.Command(user, session, REQUEST));
    }

    @TearDown
    public void tearDown() throws IOException {
        pool.close();
        try (var files = Files.walk(dir)) {
            for (var path : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    @Benchmark
    public boolean appendTurn() {
        long n = next++;
        var at = clock.instant();
        return transcripts.append(new Turn(session, "item_" + n, n % 2 == 0 ? TurnRole.USER : TurnRole.ASSISTANT,
                "Turn number " + n + " of a benchmark conversation, about as long as a spoken sentence.", at, at));
    }
}
