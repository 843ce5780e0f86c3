package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.ListAuditEvents;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.GetConsentStatus;
import io.voicegate.core.consent.GrantConsent;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.EraseUserData;
import io.voicegate.core.privacy.ExportUserData;
import io.voicegate.core.privacy.Reauthenticate;
import io.voicegate.core.privacy.Reauthentication;
import io.voicegate.testkit.InMemoryAuditLog;
import io.voicegate.testkit.InMemoryConsentStore;
import io.voicegate.testkit.InMemoryPseudonyms;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent and privacy routes over a real server on a random port, with real use cases over testkit fakes. */
class ConsentAndPrivacyEndpointsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = MutableClock.at("2025-05-01T09:00:00Z");
    private final StaticTokenVerifier tokens = new StaticTokenVerifier();
    private final InMemoryConsentStore consents = new InMemoryConsentStore();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final InMemoryPseudonyms pseudonyms = new InMemoryPseudonyms();
    private final List<String> ended = new CopyOnWriteArrayList<>();
    private final List<Purpose> withdrawn = new CopyOnWriteArrayList<>();
    private final UserId local = new UserId(UUID.randomUUID());
    private final UserId external = new UserId(UUID.randomUUID());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpApi api;
    private String token;

    @BeforeEach
    void start() {
        var ids = new SequentialIds();
        var trail = new AuditTrail(auditLog, pseudonyms, clock, ids, "0123456789abcdef0123456789abcdef".getBytes());
        var policy = ConsentPolicy.of(1, 1);
        var authenticator = new Authenticator(tokens, "vg_session");
        var addresses = ClientAddresses.direct();
        Reauthentication accounts = new Reauthentication() {
            @Override
            public boolean hasPassword(UserId user) {
                return user.equals(local);
            }

            @Override
            public boolean passwordMatches(UserId user, String password) {
                return user.equals(local) && password.equals("correct horse");
            }
        };
        var privacy = new PrivacyEndpoints.UseCases(new ListAuditEvents(auditLog, trail),
                new ExportUserData(List.of(consents), auditLog, trail, clock),
                new Reauthenticate(accounts, trail, clock),
                new EraseUserData(List.of(consents), (user, reason) -> ended.add(user + " " + reason), trail));
        api = HttpApi.create(HttpSettings.defaults(), List.of(
                new ConsentEndpoints(authenticator, addresses,
                        new GrantConsent(consents, policy, trail, (user, purpose) -> withdrawn.add(purpose), clock, ids),
                        new GetConsentStatus(consents, policy, trail)),
                new PrivacyEndpoints(authenticator, addresses, privacy)), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(1));
        token = tokens.issue(local, clock.instant());
    }

    @AfterEach
    void stop() {
        api.stop("test over");
    }

    @Test
    void consent_status_starts_empty_and_follows_grants_and_withdrawals() throws Exception {
        var before = call("GET", "/api/v1/consent", null);
        assertThat(before.statusCode()).isEqualTo(200);
        var voice = purpose(json(before), "voice_processing");
        assertThat(voice.get("required").asBoolean()).isTrue();
        assertThat(voice.get("required_version").asInt()).isEqualTo(1);
        assertThat(voice.get("granted").asBoolean()).isFalse();
        assertThat(voice.has("granted_version")).isTrue();
        assertThat(voice.get("granted_version").isNull()).isTrue();
        assertThat(voice.get("up_to_date").asBoolean()).isFalse();
        assertThat(purpose(json(before), "transcript_storage").get("required").asBoolean()).isFalse();

        var granted = call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}");
        assertThat(granted.statusCode()).isEqualTo(201);
        assertThat(json(granted).get("purpose").asText()).isEqualTo("voice_processing");
        assertThat(json(granted).get("answered_at").asText()).isEqualTo("2025-05-01T09:00:00Z");
        assertThat(new ConsentGate(consents, ConsentPolicy.defaults()).allows(local, Purpose.VOICE_PROCESSING)).isTrue();
        var after = purpose(json(call("GET", "/api/v1/consent", null)), "voice_processing");
        assertThat(after.get("granted_version").asInt()).isEqualTo(1);
        assertThat(after.get("up_to_date").asBoolean()).isTrue();

        call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":false}");
        assertThat(withdrawn).containsExactly(Purpose.VOICE_PROCESSING);
        assertThat(purpose(json(call("GET", "/api/v1/consent", null)), "voice_processing").get("up_to_date").asBoolean()).isFalse();
        assertThat(consents.history(local)).hasSize(2);
        assertThat(consents.history(local).get(0).ipHash()).isPresent();
    }

    @Test
    void bad_consent_answers_are_400_problems_naming_the_field() throws Exception {
        assertProblem(call("POST", "/api/v1/consent", "{\"purpose\":\"marketing\",\"version\":1,\"granted\":true}"), 400, "/purpose");
        assertProblem(call("POST", "/api/v1/consent", "{\"version\":1,\"granted\":true}"), 400, "/purpose");
        assertProblem(call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"granted\":true}"), 400, "/version");
        assertProblem(call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"version\":\"one\",\"granted\":true}"), 400, "/version");
        assertProblem(call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"version\":2,\"granted\":true}"), 400, "/version");
        assertProblem(call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"version\":1}"), 400, "/granted");
        assertThat(consents.history(local)).isEmpty();
    }

    @Test
    void every_route_needs_a_credential() throws Exception {
        token = null;
        for (var route : List.of("GET /api/v1/consent", "POST /api/v1/consent", "GET /api/v1/me/audit",
                "GET /api/v1/me/export", "DELETE /api/v1/me")) {
            var parts = route.split(" ");
            var response = call(parts[0], parts[1], parts[0].equals("POST") ? "{}" : null);
            assertThat(response.statusCode()).as(route).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    void the_audit_list_pages_through_the_callers_own_events_newest_first() throws Exception {
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            call("POST", "/api/v1/consent", "{\"purpose\":\"transcript_storage\",\"version\":1,\"granted\":" + (i % 2 == 0) + "}");
        }
        var other = tokens.issue(external, clock.instant(), Principal.AuthenticationMethod.EXTERNAL_TOKEN);
        var mine = token;
        token = other;
        call("GET", "/api/v1/consent", null);
        token = mine;

        var actions = new ArrayList<String>();
        var ids = new HashSet<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page = json(call("GET", "/api/v1/me/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null));
            page.get("events").forEach(e -> {
                actions.add(e.get("action").asText());
                assertThat(ids.add(e.get("id").asText())).isTrue();
                assertThat(e.get("actor").asText()).isEqualTo("self");
                assertThat(e.get("outcome").asText()).isEqualTo("success");
            });
            cursor = page.has("next_cursor") ? page.get("next_cursor").asText() : null;
            pages++;
        } while (cursor != null);

        assertThat(actions).containsExactly("consent.granted", "consent.withdrawn", "consent.granted",
                "consent.withdrawn", "consent.granted");
        assertThat(auditLog.events()).as("each page read is audited").filteredOn(e -> e.action().equals("audit.read"))
                .hasSize(pages).allSatisfy(e -> assertThat(e.subject()).contains(e.actor()));
        assertThat(pages).isEqualTo(3);
        assertProblem(call("GET", "/api/v1/me/audit?limit=0", null), 400, "/limit");
        assertProblem(call("GET", "/api/v1/me/audit?limit=many", null), 400, "/limit");
        assertProblem(call("GET", "/api/v1/me/audit?cursor=nonsense", null), 400, "/cursor");
    }

    @Test
    void the_export_is_one_json_document_with_every_section_and_the_audit_events() throws Exception {
        call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}");

        var response = call("GET", "/api/v1/me/export", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        var export = json(response);
        assertThat(export.get("user_id").asText()).isEqualTo(local.toString());
        var consent = export.get("data").get("consents").get(0);
        assertThat(consent.get("purpose").asText()).isEqualTo("voice_processing");
        assertThat(consent.get("user").asText()).isEqualTo(local.toString());
        assertThat(consent.get("granted").asBoolean()).isTrue();
        assertThat(consent.get("ip_hash").asText()).hasSize(64);
        assertThat(export.get("data").get("audit_events").get(0).get("action").asText()).isEqualTo("consent.granted");
        assertThat(auditLog.events()).extracting(e -> e.action()).contains("user.exported");
    }

    @Test
    void erasure_of_a_local_account_needs_its_current_password() throws Exception {
        call("POST", "/api/v1/consent", "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}");

        assertThat(call("DELETE", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/api/v1/me", "{\"password\":\"wrong\"}").statusCode()).isEqualTo(401);
        assertProblem(call("DELETE", "/api/v1/me", "{\"password\":"), 400, null);
        assertThat(consents.history(local)).hasSize(1);
        assertThat(ended).isEmpty();

        var pseudonym = pseudonyms.of(local);
        var erased = call("DELETE", "/api/v1/me", "{\"password\":\"correct horse\"}");

        assertThat(erased.statusCode()).isEqualTo(204);
        assertThat(consents.history(local)).isEmpty();
        assertThat(ended).containsExactly(local + " user_erased");
        assertThat(auditLog.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("user.erased");
            assertThat(e.actor()).isEqualTo(pseudonym);
        });
        assertThat(pseudonyms.of(local)).isNotEqualTo(pseudonym);
    }

    @Test
    void erasure_for_an_external_identity_needs_a_token_issued_within_five_minutes() throws Exception {
        token = tokens.issue(external, clock.instant().minus(Duration.ofMinutes(6)), Principal.AuthenticationMethod.EXTERNAL_TOKEN);
        var stale = call("DELETE", "/api/v1/me", "{\"password\":\"correct horse\"}");
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).get("detail").asText()).contains("5 minutes");

        token = tokens.issue(external, clock.instant().minus(Duration.ofMinutes(4)), Principal.AuthenticationMethod.EXTERNAL_TOKEN);
        assertThat(call("DELETE", "/api/v1/me", null).statusCode()).isEqualTo(204);
        assertThat(ended).containsExactly(external + " user_erased");
    }

    @Test
    void every_route_is_documented_in_the_openapi_document_and_nothing_more() {
        var served = api.routes().stream().filter(r -> r.contains(" /api/v1/")).toList();
        assertThat(served).hasSize(5);
        assertThat(OpenApiCoverage.undocumented(api.routes(), api.openApi())).isEmpty();
        assertThat(OpenApiCoverage.unserved(api.routes(), api.openApi())).isEmpty();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) builder.header("Content-Type", "application/json");
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode purpose(JsonNode status, String purpose) {
        for (var p : status.get("purposes")) if (p.get("purpose").asText().equals(purpose)) return p;
        throw new AssertionError("no purpose " + purpose + " in " + status);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String pointer) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        if (pointer != null) assertThat(json(response).get("pointer").asText()).isEqualTo(pointer);
    }
}
