package io.voicegate.launcher;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.consent.Consent;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.Relays;
import io.voicegate.core.session.CloseSession;
import io.voicegate.core.session.CreateForwardedSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.RecordTurn;
import io.voicegate.core.session.TrackedRelaySessions;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.ApiUsageRecord;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.RecordApiUsage;
import io.voicegate.core.usage.RecordUsage;
import io.voicegate.core.usage.UsagePricing;
import io.voicegate.http.Authenticator;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.Guards;
import io.voicegate.http.HttpApi;
import io.voicegate.http.SocketWebSocketConnector;
import io.voicegate.http.HttpListeners;
import io.voicegate.http.HttpSettings;
import io.voicegate.http.OpenAiCalls;
import io.voicegate.http.OpenAiRestEndpoints;
import io.voicegate.http.OpenAiRestSettings;
import io.voicegate.http.OpenAiRestUseCases;
import io.voicegate.http.OpenAiUpstream;
import io.voicegate.http.OpenSockets;
import io.voicegate.http.OriginPolicy;
import io.voicegate.persistence.JdbiApiUsageStore;
import io.voicegate.persistence.MigratedDatabase;
import io.voicegate.persistence.TestUsers;
import io.voicegate.testkit.InMemoryAuditLog;
import io.voicegate.testkit.InMemoryConsentStore;
import io.voicegate.testkit.InMemoryPseudonyms;
import io.voicegate.testkit.InMemoryRateLimiter;
import io.voicegate.testkit.InMemorySessionStore;
import io.voicegate.testkit.InMemoryTranscriptStore;
import io.voicegate.testkit.InMemoryUsageStore;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import io.voicegate.testkit.StaticTokenVerifier;
import io.voicegate.testkit.openai.FakeOpenAi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The OpenAI-compatible REST routes on a real server on 127.0.0.1:0, with the real session, consent and quota use
 * cases over testkit in-memory stores, chat usage recorded in a real migrated database (H2 unless told otherwise),
 * the OpenAI adapter as the upstream and the fake OpenAI behind it.
 */
final class OpenAiRestFixture implements AutoCloseable {

    private static final Instant EVER = Instant.parse("9999-01-01T00:00:00Z");

    final FakeOpenAi fake = FakeOpenAi.start();
    final MigratedDatabase database;
    final MutableClock clock = MutableClock.at(Instant.now());
    final SequentialIds ids = new SequentialIds();
    final InMemorySessionStore sessions = new InMemorySessionStore();
    final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore();
    final InMemoryUsageStore usage = new InMemoryUsageStore();
    final InMemoryConsentStore consents = new InMemoryConsentStore();
    final StaticTokenVerifier tokens = new StaticTokenVerifier();
    final Relays relays = new Relays();
    final SocketWebSocketConnector connector = SocketWebSocketConnector.start(java.time.Duration.ofSeconds(10));
    final JdbiApiUsageStore apiUsage;
    final OpenAiCalls calls;
    final HttpApi api;

    OpenAiRestFixture() {
        this(Function.identity(), true);
    }

    /** @param database {@code h2} or {@code postgres}, where chat usage is recorded */
    OpenAiRestFixture(String database) {
        this(Function.identity(), true, database);
    }

    OpenAiRestFixture(Function<OpenAiRestSettings, OpenAiRestSettings> tune, boolean configured) {
        this(tune, configured, "h2");
    }

    private OpenAiRestFixture(Function<OpenAiRestSettings, OpenAiRestSettings> tune, boolean configured, String database) {
        this.database = new MigratedDatabase(database);
        this.apiUsage = new JdbiApiUsageStore(this.database.jdbi());
        var audit = new AuditTrail(new InMemoryAuditLog(), new InMemoryPseudonyms(), clock, ids, new byte[32]);
        var quotas = new QuotaGuard(sessions, usage, UsagePricing.defaults(), new QuotaLimits(Optional.empty(), Optional.empty(), 2));
        var close = new CloseSession(sessions, audit, clock);
        var consentGate = new ConsentGate(consents, ConsentPolicy.defaults());
        var tracked = new TrackedRelaySessions(sessions, quotas, consentGate, new RecordTurn(sessions, transcripts),
                new RecordUsage(sessions, usage, quotas, close, clock, ids), close, audit, clock, ids);
        var useCases = new OpenAiRestUseCases(consentGate,
                new CreateForwardedSession(sessions, quotas, audit, clock, ids), new GetSession(sessions, audit), tracked,
                new RecordApiUsage(apiUsage, clock, ids), clock);
        var settings = tune.apply(new OpenAiRestSettings(List.of("gpt-realtime", "gpt-realtime-mini"), "marin",
                "Be brief.", List.of(), "gpt-4o-mini-transcribe", Duration.ofSeconds(60),
                new io.voicegate.core.realtime.RelayLimits(Duration.ofMinutes(5), Duration.ofMinutes(2), 64, Duration.ofSeconds(10))));
        OpenAiUpstream upstream = configured ? OpenAiRestUpstream.create(java.net.http.HttpClient.newHttpClient(), connector,
                io.voicegate.openai.OpenAiSettings.of(java.net.URI.create(fake.baseUrl()), fake.apiKey()), settings)
                : OpenAiUpstream.unconfigured();
        var openRelay = new OpenRelay(new RunTool(ToolRegistry.empty()), relays, clock, Runnable::run);
        calls = new OpenAiCalls(upstream, openRelay, settings, Runnable::run);
        var origins = new OriginPolicy(List.of("https://app.example.com"));
        var guards = new Guards(origins, new InMemoryRateLimiter(clock), ClientAddresses.direct(), Guards.Limits.defaults());
        var endpoints = new OpenAiRestEndpoints(new Authenticator(tokens, "vg_access"), guards, useCases, upstream, calls, settings);
        api = HttpApi.create(HttpSettings.defaults(), List.of(endpoints), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(1));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + api.port() + "/openai/v1";
    }

    /** What the database holds about the user's chat usage, oldest first. */
    List<ApiUsageRecord> storedChatUsage(UserId user) {
        return apiUsage.forUser(user, Instant.EPOCH, EVER);
    }

    /** A user with current voice-processing consent (and transcript storage), and their token. */
    User consentingUser() {
        var user = TestUsers.insert(database.jdbi());
        consents.append(new Consent(UUID.randomUUID(), user, Purpose.VOICE_PROCESSING, 1, true, clock.instant(), Optional.empty()));
        consents.append(new Consent(UUID.randomUUID(), user, Purpose.TRANSCRIPT_STORAGE, 1, true, clock.instant(), Optional.empty()));
        return new User(user, tokens.issue(user, clock.instant()));
    }

    User userWithoutConsent() {
        var user = TestUsers.insert(database.jdbi());
        return new User(user, tokens.issue(user, clock.instant()));
    }

    record User(UserId id, String token) {
    }

    @Override
    public void close() {
        api.stop("test over");
        connector.close();
        fake.close();
        database.close();
    }
}
