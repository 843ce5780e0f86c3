package io.voicegate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.provider.UnconfiguredProvider;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionPolicy;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.RecordUsage;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsagePricing;
import io.voicegate.http.Authenticator;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.HttpApi;
import io.voicegate.http.HttpListeners;
import io.voicegate.http.HttpSettings;
import io.voicegate.http.Json;
import io.voicegate.http.OpenSockets;
import io.voicegate.launcher.config.SessionConfig;
import io.voicegate.persistence.JdbiConsentStore;
import io.voicegate.persistence.MigratedDatabase;
import io.voicegate.persistence.TestUsers;
import io.voicegate.testkit.Consents;
import io.voicegate.testkit.FakeVoiceProvider;
import io.voicegate.testkit.InMemoryAuditLog;
import io.voicegate.testkit.InMemoryPseudonyms;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.StaticTokenVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The session API on the real HTTP surface and the Jdbi stores, on H2 and on PostgreSQL, as the launcher wires it. */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgres"})
class SessionsOverHttpIT {

    @Parameter
    String kind;

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private final ObjectMapper mapper = Json.mapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final StaticTokenVerifier tokens = new StaticTokenVerifier();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private MigratedDatabase database;
    private SessionConfig config;
    private SessionWiring sessions;
    private HttpApi api;
    private UserId aliceId;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        database = new MigratedDatabase(kind);
        var config = new SessionConfig(Duration.ofSeconds(30), new SessionPolicy(Duration.ofMinutes(30), Duration.ofMinutes(2)),
                new QuotaLimits(Optional.of(10), Optional.empty(), 2), UsagePricing.defaults());
        this.config = config;
        sessions = wiring(config);
        api = HttpApi.create(HttpSettings.defaults(),
                        List.of(sessions.endpoints(new Authenticator(tokens, "voicegate_access"), ClientAddresses.direct(), "")),
                        new OpenSockets())
                .start(new HttpListeners("127.0.0.1", 0, Optional.empty()), Duration.ZERO);
        aliceId = TestUsers.insert(database.jdbi());
        alice = tokens.issue(aliceId, clock.instant());
        var bobId = TestUsers.insert(database.jdbi());
        bob = tokens.issue(bobId, clock.instant());
        for (var user : List.of(aliceId, bobId)) Consents.grantAll(consents(), user, clock.instant());
    }

    private SessionWiring wiring(SessionConfig config) {
        var audit = new AuditTrail(auditLog, new InMemoryPseudonyms(), clock, IdGenerator.random(), new byte[32]);
        var providers = new ProviderRegistry(List.of(FakeVoiceProvider.standard(clock),
                new UnconfiguredProvider("elevenlabs", new Capabilities(true, true, true), List.of(ConnectionMode.WEBSOCKET))));
        return new SessionWiring(database.jdbi(), config, providers, new ConsentGate(consents(), ConsentPolicy.defaults()),
                audit, clock, IdGenerator.random());
    }

    private JdbiConsentStore consents() {
        return new JdbiConsentStore(database.jdbi());
    }

    @AfterEach
    void stop() {
        if (api != null) api.stop("test over");
        if (database != null) database.close();
    }

    @Test
    void a_whole_session_create_start_transcript_end_list_and_usage() throws Exception {
        var created = send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\",\"mode\":\"webrtc\",\"metadata\":{\"k\":\"v\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        var id = json(created).path("session").path("id").asText();
        assertThat(json(send("POST", "/api/v1/sessions/" + id + "/start", alice, null)).path("status").asText()).isEqualTo("active");

        var t = clock.instant();
        assertThat(sessions.recordTurn().handle(new Turn(SessionId.parse(id).orElseThrow(), "item_1", TurnRole.USER, "Hallo", t, t.plusSeconds(1)))).isTrue();
        assertThat(sessions.recordTurn().handle(new Turn(SessionId.parse(id).orElseThrow(), "item_1", TurnRole.USER, "Hallo", t, t.plusSeconds(1)))).isFalse();
        var upload = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hallo\",\"timestamp\":\"2026-01-05T10:00:00Z\"},"
                + "{\"role\":\"assistant\",\"content\":\"Guten Tag!\",\"timestamp\":\"2026-01-05T10:00:02Z\"}]}";
        var merged = json(send("POST", "/api/v1/sessions/" + id + "/transcript", alice, upload));
        assertThat(merged.path("added").asInt()).isEqualTo(1);
        assertThat(merged.path("duplicates").asInt()).isEqualTo(1);
        var transcript = json(send("GET", "/api/v1/sessions/" + id + "/transcript", alice, null));
        assertThat(transcript.path("turns").findValuesAsText("content")).containsExactly("Hallo", "Guten Tag!");

        clock.advance(Duration.ofMinutes(2));
        var ended = json(send("POST", "/api/v1/sessions/" + id + "/end", alice, null));
        assertThat(ended.path("end_reason").asText()).isEqualTo("ended_by_user");
        assertThat(ended.path("ended_at").asText()).isEqualTo("2026-01-05T10:02:00Z");

        var list = json(send("GET", "/api/v1/sessions?status=ended", alice, null));
        assertThat(list.path("sessions").findValuesAsText("id")).containsExactly(id);
        assertThat(send("GET", "/api/v1/sessions/" + id, bob, null).statusCode()).isEqualTo(404);
        var usage = json(send("GET", "/api/v1/usage", alice, null));
        assertThat(usage.path("total").path("minutes").asDouble()).isEqualTo(2.0);
        assertThat(usage.path("quotas").path("daily_minutes").path("remaining").asDouble()).isEqualTo(8.0);
    }

    @Test
    void a_transcript_with_one_bad_message_stores_nothing() throws Exception {
        var id = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        var bad = "{\"messages\":[{\"role\":\"user\",\"content\":\"fine\",\"timestamp\":\"2026-01-05T10:00:00Z\"},"
                + "{\"role\":\"user\",\"content\":\"broken\",\"timestamp\":\"yesterday\"}]}";
        var response = send("POST", "/api/v1/sessions/" + id + "/transcript", alice, bad);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("pointer").asText()).isEqualTo("/messages/1/timestamp");
        assertThat(json(send("GET", "/api/v1/sessions/" + id + "/transcript", alice, null)).path("turns")).isEmpty();
    }

    @Test
    void quotas_providers_and_unknown_or_unconfigured_providers() throws Exception {
        var unknown = send("POST", "/api/v1/sessions", alice, "{\"provider\":\"acme\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).contains("fake, elevenlabs");
        assertThat(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"elevenlabs\"}").statusCode()).isEqualTo(503);
        assertThat(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}").statusCode()).isEqualTo(201);
        var refused = send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("type").asText()).isEqualTo("quota_exceeded");
        assertThat(json(refused).path("quota").asText()).isEqualTo("concurrent_sessions");
        assertThat(send("POST", "/api/v1/sessions", bob, "{\"provider\":\"fake\"}").statusCode()).isEqualTo(201);
        assertThat(json(send("GET", "/api/v1/providers", alice, null)).path("providers").findValuesAsText("id"))
                .containsExactly("fake", "elevenlabs");
    }

    @Test
    void the_sweeper_recovery_and_shutdown_close_sessions_with_their_reasons() throws Exception {
        var neverConnected = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        var overlong = json(send("POST", "/api/v1/sessions", bob, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        send("POST", "/api/v1/sessions/" + overlong + "/start", bob, null);
        clock.advance(Duration.ofSeconds(60));
        assertThat(sessions.sweepOnce().expired()).isEqualTo(1);
        assertThat(json(send("GET", "/api/v1/sessions/" + neverConnected, alice, null)).path("status").asText()).isEqualTo("expired");
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.sweepOnce().ended()).isEqualTo(1);
        assertThat(json(send("GET", "/api/v1/sessions/" + overlong, bob, null)).path("end_reason").asText()).isEqualTo("max_duration");

        var crashed = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        send("POST", "/api/v1/sessions/" + crashed + "/start", alice, null);
        assertThat(wiring(config).recoverInterrupted()).as("a restarted process finds it active").isEqualTo(1);
        assertThat(json(send("GET", "/api/v1/sessions/" + crashed, alice, null)).path("end_reason").asText()).isEqualTo("interrupted");

        // bob used up his 10 daily minutes in the overlong session; alice has not talked yet.
        var live = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        send("POST", "/api/v1/sessions/" + live + "/start", alice, null);
        sessions.startSweeper();
        sessions.stop();
        assertThat(json(send("GET", "/api/v1/sessions/" + live, alice, null)).path("end_reason").asText()).isEqualTo("server_shutdown");
        assertThat(auditLog.events()).extracting(e -> e.action()).contains("session.expire", "session.end");
    }

    @Test
    void a_live_session_crossing_its_daily_minutes_is_ended_with_quota_exhausted() throws Exception {
        var id = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        send("POST", "/api/v1/sessions/" + id + "/start", alice, null);
        clock.advance(Duration.ofMinutes(5));
        var before = sessions.recordUsage().handle(new RecordUsage.Command(SessionId.parse(id).orElseThrow(), Optional.empty(),
                new Usage(300, 120, 0, 0, 0, 0, 0)));
        assertThat(before.endedForQuota()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        var after = sessions.recordUsage().handle(new RecordUsage.Command(SessionId.parse(id).orElseThrow(), Optional.empty(),
                new Usage(300, 120, 0, 0, 0, 0, 0)));
        assertThat(after.endedForQuota()).isPresent();
        assertThat(json(send("GET", "/api/v1/sessions/" + id, alice, null)).path("end_reason").asText()).isEqualTo("quota_exhausted");
        var refused = send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("quota").asText()).isEqualTo("daily_minutes");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void withdrawing_voice_consent_ends_the_users_live_sessions_and_other_purposes_do_not() throws Exception {
        var active = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        send("POST", "/api/v1/sessions/" + active + "/start", alice, null);
        var created = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        sessions.withdrawalListener().withdrawn(aliceId, Purpose.TRANSCRIPT_STORAGE);
        var afterTranscriptWithdrawal = json(send("GET", "/api/v1/sessions/" + active, alice, null));
        assertThat(afterTranscriptWithdrawal.path("status").asText()).isEqualTo("active");
        assertThat(afterTranscriptWithdrawal.path("transcript_stored").asBoolean(true))
                .as("a live session keeps no more text once transcript storage is withdrawn").isFalse();
        var t = clock.instant();
        assertThat(sessions.recordTurn().handle(new Turn(SessionId.parse(active).orElseThrow(), "item_9", TurnRole.USER,
                "said after the withdrawal", t, t))).isFalse();
        sessions.withdrawalListener().withdrawn(aliceId, Purpose.VOICE_PROCESSING);
        for (var id : List.of(active, created)) {
            assertThat(json(send("GET", "/api/v1/sessions/" + id, alice, null)).path("end_reason").asText()).isEqualTo("consent_withdrawn");
        }
    }

    @Test
    void sessions_need_voice_processing_consent_and_keep_text_only_with_transcript_storage_consent() throws Exception {
        var carolId = TestUsers.insert(database.jdbi());
        var carol = tokens.issue(carolId, clock.instant());
        var refused = send("POST", "/api/v1/sessions", carol, "{\"provider\":\"fake\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("type").asText()).isEqualTo("consent_required");
        assertThat(json(refused).path("purpose").asText()).isEqualTo("voice_processing");
        assertThat(json(refused).path("required_version").asInt()).isEqualTo(1);
        assertThat(auditLog.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("session.create");
            assertThat(e.detail()).contains("consent_required");
        });
        assertThat(json(send("GET", "/api/v1/sessions", carol, null)).path("sessions")).isEmpty();

        Consents.grant(consents(), ConsentPolicy.defaults(), carolId, clock.instant(), Purpose.VOICE_PROCESSING);
        var created = json(send("POST", "/api/v1/sessions", carol, "{\"provider\":\"fake\"}")).path("session");
        assertThat(created.path("transcript_stored").asBoolean(true)).isFalse();
        var id = created.path("id").asText();
        send("POST", "/api/v1/sessions/" + id + "/start", carol, null);
        var t = clock.instant();
        assertThat(sessions.recordTurn().handle(new Turn(SessionId.parse(id).orElseThrow(), "item_1", TurnRole.USER,
                "words nobody may keep", t, t))).isFalse();
        var upload = json(send("POST", "/api/v1/sessions/" + id + "/transcript", carol,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"words nobody may keep\",\"timestamp\":\"2026-01-05T10:00:00Z\"}]}"));
        assertThat(upload.path("stored").asBoolean(true)).isFalse();
        var transcript = json(send("GET", "/api/v1/sessions/" + id + "/transcript", carol, null));
        assertThat(transcript.path("transcript_stored").asBoolean(true)).isFalse();
        assertThat(transcript.path("turns")).isEmpty();
        int rows = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM transcript_turns").mapTo(Integer.class).one());
        assertThat(rows).isZero();
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return mapper.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
