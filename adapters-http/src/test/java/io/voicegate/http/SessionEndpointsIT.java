package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.provider.UnconfiguredProvider;
import io.voicegate.core.session.AppendTranscript;
import io.voicegate.core.session.CreateSession;
import io.voicegate.core.session.EndSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.GetTranscript;
import io.voicegate.core.session.ListSessions;
import io.voicegate.core.session.SessionPolicy;
import io.voicegate.core.session.StartSession;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.RecordApiUsage;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.SummariseUsage;
import io.voicegate.core.usage.UsagePricing;
import io.voicegate.testkit.Consents;
import io.voicegate.testkit.InMemoryApiUsageStore;
import io.voicegate.testkit.FakeVoiceProvider;
import io.voicegate.testkit.InMemoryAuditLog;
import io.voicegate.testkit.InMemoryConsentStore;
import io.voicegate.testkit.InMemoryPseudonyms;
import io.voicegate.testkit.InMemorySessionStore;
import io.voicegate.testkit.InMemoryTranscriptStore;
import io.voicegate.testkit.InMemoryUsageStore;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import io.voicegate.testkit.StaticTokenVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The session routes on a real server on loopback, over the in-memory stores and a fake provider. */
class SessionEndpointsIT {

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private final ObjectMapper mapper = Json.mapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final StaticTokenVerifier tokens = new StaticTokenVerifier();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final InMemoryConsentStore consents = new InMemoryConsentStore();
    private final InMemoryApiUsageStore apiUsage = new InMemoryApiUsageStore();
    private HttpApi api;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        var ids = new SequentialIds();
        var sessions = new InMemorySessionStore();
        var transcripts = new InMemoryTranscriptStore();
        var usage = new InMemoryUsageStore();
        var audit = new AuditTrail(auditLog, new InMemoryPseudonyms(), clock, ids, new byte[32]);
        var providers = new ProviderRegistry(List.of(FakeVoiceProvider.standard(clock),
                new UnconfiguredProvider("openai", new Capabilities(true, true, true), List.of(ConnectionMode.WEBRTC))));
        var quotas = new QuotaGuard(sessions, usage, UsagePricing.defaults(), QuotaLimits.defaults());
        var useCases = new SessionUseCases(
                new CreateSession(sessions, providers, quotas, new ConsentGate(consents, ConsentPolicy.defaults()),
                        SessionPolicy.defaults(), audit, clock, ids),
                new StartSession(sessions, audit, clock), new EndSession(sessions, audit, clock),
                new GetSession(sessions, audit), new ListSessions(sessions, audit),
                new AppendTranscript(sessions, transcripts, audit), new GetTranscript(sessions, transcripts, audit),
                new SummariseUsage(sessions, usage, apiUsage, UsagePricing.defaults(), quotas, audit, clock), providers);
        var endpoints = new SessionEndpoints(new Authenticator(tokens, "vg_session"), useCases, ClientAddresses.direct());
        api = HttpApi.create(HttpSettings.defaults(), List.of(endpoints), new OpenSockets())
                .start(new HttpListeners("127.0.0.1", 0, Optional.empty()), Duration.ZERO);
        alice = consentingUser();
        bob = consentingUser();
    }

    private String consentingUser() {
        var user = new UserId(UUID.randomUUID());
        Consents.grantAll(consents, user, clock.instant());
        return tokens.issue(user, clock.instant());
    }

    @Test
    void without_voice_processing_consent_creating_a_session_is_forbidden_naming_purpose_and_version() throws Exception {
        var carol = tokens.issue(new UserId(UUID.randomUUID()), clock.instant());
        var refused = send("POST", "/api/v1/sessions", carol, "{\"provider\":\"fake\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(refused).path("type").asText()).isEqualTo("consent_required");
        assertThat(json(refused).path("purpose").asText()).isEqualTo("voice_processing");
        assertThat(json(refused).path("required_version").asInt()).isEqualTo(1);
        assertThat(json(send("GET", "/api/v1/sessions", carol, null)).path("sessions")).isEmpty();
        var documented = mapper.readTree(send("GET", "/openapi.json", null, null).body())
                .at("/paths/~1api~1v1~1sessions/post/responses/403");
        assertThat(documented.path("description").asText()).as("the OpenAPI document names this answer").contains("consent_required");
        assertThat(documented.at("/content/application~1problem+json/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void without_transcript_storage_consent_the_session_says_so_and_keeps_no_text() throws Exception {
        var user = new UserId(UUID.randomUUID());
        Consents.grant(consents, ConsentPolicy.defaults(), user, clock.instant(), Purpose.VOICE_PROCESSING);
        var dave = tokens.issue(user, clock.instant());
        var created = json(send("POST", "/api/v1/sessions", dave, "{\"provider\":\"fake\"}"));
        assertThat(created.path("session").path("transcript_stored").asBoolean(true)).isFalse();
        var id = created.path("session").path("id").asText();
        send("POST", "/api/v1/sessions/" + id + "/start", dave, null);
        var upload = json(send("POST", "/api/v1/sessions/" + id + "/transcript", dave,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"secret words\",\"timestamp\":\"2026-01-05T10:00:00Z\"}]}"));
        assertThat(upload.path("stored").asBoolean(true)).isFalse();
        assertThat(upload.path("added").asInt()).isZero();
        var transcript = json(send("GET", "/api/v1/sessions/" + id + "/transcript", dave, null));
        assertThat(transcript.path("transcript_stored").asBoolean(true)).isFalse();
        assertThat(transcript.path("turns")).isEmpty();
        assertThat(json(send("GET", "/api/v1/sessions/" + id, dave, null)).path("transcript_stored").asBoolean(true)).isFalse();
    }

    @AfterEach
    void stop() {
        if (api != null) api.stop("test over");
    }

    @Test
    void every_session_route_is_documented_and_every_documented_operation_is_served() throws Exception {
        var document = mapper.readTree(send("GET", "/openapi.json", null, null).body());
        assertThat(api.routes().stream().filter(r -> r.contains(" /api/v1/"))).hasSize(9);
        assertThat(OpenApiCoverage.undocumented(api.routes(), document)).isEmpty();
        assertThat(OpenApiCoverage.unserved(api.routes(), document)).isEmpty();
    }

    @Test
    void creates_starts_ends_and_reads_a_session() throws Exception {
        var created = send("POST", "/api/v1/sessions", alice,
                "{\"provider\":\"fake\",\"mode\":\"relay\",\"model\":\"fake-voice-mini\",\"metadata\":{\"topic\":\"demo\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        var body = mapper.readTree(created.body());
        var id = body.path("session").path("id").asText();
        assertThat(body.path("session").path("status").asText()).isEqualTo("created");
        assertThat(body.path("session").path("metadata").path("topic").asText()).isEqualTo("demo");
        assertThat(body.path("session").path("transcript_stored").asBoolean()).isTrue();
        assertThat(body.path("connect").path("type").asText()).isEqualTo("relay");
        assertThat(body.path("connect").path("token").asText()).startsWith("fake_ek_");
        assertThat(body.path("connect").path("expires_at").asText()).isEqualTo("2026-01-05T10:01:00Z");
        assertThat(body.path("connect").path("dynamic_variables").path("voicegate_session_ref").asText())
                .hasSize(22).isNotEqualTo(id);
        assertThat(body.path("connect").path("dynamic_variables").has("voicegate_session_id")).isFalse();

        var started = json(send("POST", "/api/v1/sessions/" + id + "/start", alice, null));
        assertThat(started.path("status").asText()).isEqualTo("active");
        assertThat(send("POST", "/api/v1/sessions/" + id + "/start", alice, null).statusCode()).isEqualTo(200);
        var ended = json(send("POST", "/api/v1/sessions/" + id + "/end", alice, null));
        assertThat(ended.path("status").asText()).isEqualTo("ended");
        assertThat(ended.path("end_reason").asText()).isEqualTo("ended_by_user");
        assertThat(send("POST", "/api/v1/sessions/" + id + "/end", alice, null).statusCode()).isEqualTo(200);
        var conflict = send("POST", "/api/v1/sessions/" + id + "/start", alice, null);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(send("GET", "/api/v1/sessions/" + id, alice, null)).path("status").asText()).isEqualTo("ended");
        assertThat(auditLog.events()).extracting(e -> e.action()).contains("session.create", "session.start", "session.end", "session.read");
    }

    @Test
    void refusals_answer_with_problem_json_and_the_right_status() throws Exception {
        var unknown = send("POST", "/api/v1/sessions", alice, "{\"provider\":\"acme\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("known_providers").toString()).isEqualTo("[\"fake\",\"openai\"]");
        var unconfigured = send("POST", "/api/v1/sessions", alice, "{\"provider\":\"openai\"}");
        assertThat(unconfigured.statusCode()).isEqualTo(503);
        assertThat(json(unconfigured).path("detail").asText()).contains("not configured");
        assertThat(send("POST", "/api/v1/sessions", null, "{\"provider\":\"fake\"}").statusCode()).isEqualTo(401);
        assertThat(json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\",\"metadata\":[1]}")).path("pointer").asText())
                .isEqualTo("/metadata");
        assertThat(json(send("POST", "/api/v1/sessions", alice, "{}")).path("pointer").asText()).isEqualTo("/provider");
        assertThat(send("GET", "/api/v1/sessions/not-a-uuid", alice, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/sessions?limit=500", alice, null).statusCode()).isEqualTo(400);
        assertThat(json(send("GET", "/api/v1/usage?from=yesterday", alice, null)).path("parameter").asText()).isEqualTo("from");

        var id = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}")).path("session").path("id").asText();
        var notYours = send("GET", "/api/v1/sessions/" + id, bob, null);
        assertThat(notYours.statusCode()).isEqualTo(404);
        var missing = json(send("GET", "/api/v1/sessions/" + UUID.randomUUID(), bob, null));
        for (var member : List.of("type", "title", "status", "detail")) {
            assertThat(json(notYours).path(member)).as("someone else's session answers like a missing one").isEqualTo(missing.path(member));
        }
        assertThat(send("POST", "/api/v1/sessions/" + id + "/end", bob, null).statusCode()).isEqualTo(404);

        send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}");
        var overQuota = send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}");
        assertThat(overQuota.statusCode()).isEqualTo(429);
        assertThat(json(overQuota).path("type").asText()).isEqualTo("quota_exceeded");
        assertThat(json(overQuota).path("quota").asText()).isEqualTo("concurrent_sessions");
    }

    @Test
    void transcripts_upload_merge_and_read_back() throws Exception {
        var id = json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\",\"mode\":\"webrtc\"}")).path("session").path("id").asText();
        var upload = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hallo\",\"timestamp\":\"2026-01-05T10:00:05Z\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hi!\",\"timestamp\":\"2026-01-05T10:00:06+01:00\"}]}";
        var first = json(send("POST", "/api/v1/sessions/" + id + "/transcript", alice, upload));
        assertThat(first.path("added").asInt()).isEqualTo(2);
        assertThat(json(send("POST", "/api/v1/sessions/" + id + "/transcript", alice, upload)).path("duplicates").asInt()).isEqualTo(2);
        var transcript = json(send("GET", "/api/v1/sessions/" + id + "/transcript", alice, null));
        assertThat(transcript.path("turns").findValuesAsText("content")).containsExactly("Hi!", "Hallo");
        var badRole = send("POST", "/api/v1/sessions/" + id + "/transcript", alice,
                "{\"messages\":[{\"role\":\"narrator\",\"content\":\"x\",\"timestamp\":\"2026-01-05T10:00:05Z\"}]}");
        assertThat(json(badRole).path("pointer").asText()).isEqualTo("/messages/0/role");
        var tooLong = send("POST", "/api/v1/sessions/" + id + "/transcript", alice,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(65 * 1024) + "\",\"timestamp\":\"2026-01-05T10:00:05Z\"}]}");
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(send("GET", "/api/v1/sessions/" + id + "/transcript", bob, null).statusCode()).isEqualTo(404);
    }

    @Test
    void lists_pages_providers_and_usage() throws Exception {
        json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}"));
        clock.advance(Duration.ofSeconds(1));
        json(send("POST", "/api/v1/sessions", alice, "{\"provider\":\"fake\"}"));
        var page = json(send("GET", "/api/v1/sessions?limit=1", alice, null));
        assertThat(page.path("sessions")).hasSize(1);
        var next = json(send("GET", "/api/v1/sessions?limit=1&cursor=" + page.path("next_cursor").asText(), alice, null));
        assertThat(next.path("sessions")).hasSize(1);
        assertThat(next.path("next_cursor").isMissingNode()).isTrue();
        assertThat(json(send("GET", "/api/v1/sessions?status=active", alice, null)).path("sessions")).isEmpty();
        assertThat(json(send("GET", "/api/v1/sessions", bob, null)).path("sessions")).isEmpty();

        var providers = json(send("GET", "/api/v1/providers", alice, null)).path("providers");
        assertThat(providers.findValuesAsText("id")).containsExactly("fake", "openai");
        assertThat(providers.get(0).path("modes").toString()).isEqualTo("[\"webrtc\",\"websocket\",\"relay\"]");
        assertThat(providers.get(1).path("configured").asBoolean()).isFalse();

        var usage = json(send("GET", "/api/v1/usage", alice, null));
        assertThat(usage.path("providers").get(0).path("sessions").asInt()).isEqualTo(2);
        assertThat(usage.path("total").path("sessions").asInt()).isEqualTo(2);
        assertThat(usage.path("quotas").path("concurrent_sessions").path("remaining").asInt()).isZero();
        assertThat(usage.path("quotas").path("daily_minutes").path("unlimited").asBoolean()).isTrue();
    }

    @Test
    void usage_counts_chat_completion_tokens_per_provider_beside_sessions_and_outside_the_cost() throws Exception {
        var carol = new UserId(UUID.randomUUID());
        Consents.grantAll(consents, carol, clock.instant());
        var token = tokens.issue(carol, clock.instant());
        json(send("POST", "/api/v1/sessions", token, "{\"provider\":\"fake\"}"));
        var record = new RecordApiUsage(apiUsage, clock, new SequentialIds());
        record.handle(new RecordApiUsage.Command(carol, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini", 9, 12));
        record.handle(new RecordApiUsage.Command(carol, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini", 5, 2));
        clock.advance(Duration.ofSeconds(1));

        var usage = json(send("GET", "/api/v1/usage", token, null));

        var fake = usage.path("providers").get(0);
        assertThat(fake.path("provider").asText()).isEqualTo("fake");
        assertThat(fake.path("api").path("chat_completions").path("requests").asLong()).isZero();
        var openAi = usage.path("providers").get(1);
        assertThat(openAi.path("provider").asText()).isEqualTo("openai");
        assertThat(openAi.path("sessions").asInt()).isZero();
        assertThat(openAi.path("tokens").path("total").asLong()).as("session tokens only").isZero();
        assertThat(openAi.path("estimated_cost_usd").asDouble()).isZero();
        assertThat(openAi.path("api").path("chat_completions").toString())
                .isEqualTo("{\"requests\":2,\"prompt_tokens\":14,\"completion_tokens\":14,\"total_tokens\":28}");
        assertThat(usage.path("total").path("api").path("chat_completions").path("total_tokens").asLong()).isEqualTo(28);
        assertThat(usage.path("total").path("sessions").asInt()).isEqualTo(1);
        assertThat(json(send("GET", "/api/v1/usage", alice, null)).path("total").path("api").path("chat_completions")
                .path("requests").asLong()).as("someone else's calls").isZero();
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
