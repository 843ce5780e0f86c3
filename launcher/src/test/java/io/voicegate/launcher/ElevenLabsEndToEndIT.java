package io.voicegate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.persistence.Database;
import io.voicegate.persistence.DatabaseSettings;
import io.voicegate.persistence.TestDatabases;
import io.voicegate.testkit.ElevenLabsWebhookSender;
import io.voicegate.testkit.FakeElevenLabs;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's done-when, over HTTP through {@link Voicegate#start}, on H2 and on PostgreSQL: a session minted against
 * the fake ElevenLabs, the agent's server tool answered for its session reference, the signed post-call webhook
 * stored (turns, duration, cost) and the session ended, all read back from the database.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgres"})
class ElevenLabsEndToEndIT {

    private static final String API_KEY = "xi-test-key-0123456789";
    private static final String WEBHOOK_SECRET = "wsec_e2e_0123456789abcdef";
    private static final String TOOL_SECRET = "tool-secret-0123456789";
    private static final String ORIGIN = "https://app.example";

    @Parameter
    String kind;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ElevenLabsWebhookSender elevenLabs = new ElevenLabsWebhookSender(http, WEBHOOK_SECRET, Clock.systemUTC());
    private FakeElevenLabs fake;
    private DatabaseSettings database;
    private Voicegate voicegate;
    private String token;

    @BeforeEach
    void start() throws Exception {
        fake = FakeElevenLabs.start(API_KEY);
        var env = new HashMap<String, String>(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "DATA_DIR", dir.resolve("data").toString(), "CORS_ORIGINS", ORIGIN,
                "ELEVENLABS_API_KEY", API_KEY, "ELEVENLABS_BASE_URL", fake.baseUrl().toString(),
                "ELEVENLABS_AGENT_ID", "agent_main", "ELEVENLABS_AGENT_IDS", "agent_alt",
                "ELEVENLABS_WEBHOOK_SECRETS", WEBHOOK_SECRET, "ELEVENLABS_TOOL_SECRET", TOOL_SECRET));
        if (kind.equals("postgres")) {
            database = TestDatabases.postgres();
            env.put("DATABASE_URL", database.jdbcUrl() + "&user=" + database.user());
        }
        voicegate = Voicegate.start(LauncherConfig.from(new Env(env)));
        var registered = send("POST", "/api/v1/auth/register", null,
                "{\"email\":\"ada@example.com\",\"password\":\"a-long-password-42\",\"display_name\":\"Ada\",\"delivery\":\"body\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        token = json.readTree(registered.body()).path("access_token").asText();
        for (var purpose : List.of("voice_processing", "transcript_storage")) {
            assertThat(send("POST", "/api/v1/consent", token,
                    "{\"purpose\":\"" + purpose + "\",\"version\":1,\"granted\":true}").statusCode()).isBetween(200, 201);
        }
    }

    @AfterEach
    void stop() {
        if (voicegate != null) voicegate.close();
        if (fake != null) fake.close();
    }

    @Test
    void mint_then_tool_call_then_post_call_webhook_leaves_the_transcript_in_the_database() throws Exception {
        var created = send("POST", "/api/v1/sessions", token, "{\"provider\":\"elevenlabs\",\"mode\":\"websocket\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var body = json.readTree(created.body());
        var sessionId = body.path("session").path("id").asText();
        var connect = body.path("connect");
        assertThat(connect.path("type").asText()).isEqualTo("signed_url");
        assertThat(connect.path("url").asText()).startsWith("ws://127.0.0.1:" + fake.baseUrl().getPort())
                .contains("agent_id=agent_main");
        assertThat(created.body()).doesNotContain(API_KEY).doesNotContain("ada@example.com");
        var variables = connect.path("dynamic_variables");
        assertThat(names(variables)).containsExactlyInAnyOrder("voicegate_session_ref", "user_pseudonym", "user_name");
        assertThat(variables.path("user_name").asText()).isEqualTo("Ada");
        var ref = variables.path("voicegate_session_ref").asText();
        assertThat(ref).hasSize(22).isNotEqualTo(sessionId);

        var tool = send("POST", "/api/v1/elevenlabs/tools/get_context", null,
                "{\"voicegate_session_ref\":\"" + ref + "\"}", "X-Voicegate-Tool-Secret", TOOL_SECRET);
        assertThat(tool.statusCode()).as(tool.body()).isEqualTo(200);
        var context = json.readTree(tool.body());
        assertThat(context.path("display_name").asText()).isEqualTo("Ada");
        assertThat(context.path("earlier_sessions").asText()).isEqualTo("0");
        assertThat(tool.body()).doesNotContain("ada@example.com").doesNotContain(sessionId);

        var report = elevenLabs.transcription("agent_main", "conv_e2e_1", Optional.of(ref), List.of(
                new ElevenLabsWebhookSender.Line("agent", "Hello Ada, how can I help?", 0),
                new ElevenLabsWebhookSender.Line("user", "Where is my parcel?", 3)), 42, 296);
        var delivered = elevenLabs.send(webhookUrl(), report);
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        assertThat(json.readTree(delivered.body()).path("status").asText()).isEqualTo("recorded");
        var replay = elevenLabs.send(webhookUrl(), report);
        assertThat(json.readTree(replay.body()).path("status").asText()).isEqualTo("duplicate");

        var session = json.readTree(send("GET", "/api/v1/sessions/" + sessionId, token, null).body());
        assertThat(session.path("status").asText()).isEqualTo("ended");
        var transcript = json.readTree(send("GET", "/api/v1/sessions/" + sessionId + "/transcript", token, null).body());
        assertThat(transcript.path("turns")).extracting(t -> t.path("role").asText() + ": " + t.path("content").asText())
                .containsExactly("assistant: Hello Ada, how can I help?", "user: Where is my parcel?");

        try (var pool = Database.pool(settings())) {
            var row = Jdbi.create(pool).withHandle(h -> h.createQuery("SELECT provider_conversation_id, provider_cost, "
                            + "(SELECT SUM(audio_seconds_in) FROM usage_records u WHERE u.session_id = s.id) AS seconds, "
                            + "(SELECT COUNT(*) FROM transcript_turns t WHERE t.session_id = s.id) AS turns "
                            + "FROM voice_sessions s WHERE s.id = CAST(:id AS UUID)")
                    .bind("id", sessionId).mapToMap().one());
            assertThat(row.get("provider_conversation_id")).isEqualTo("conv_e2e_1");
            assertThat(new BigDecimal(row.get("provider_cost").toString())).isEqualByComparingTo("296");
            assertThat(((Number) row.get("seconds")).doubleValue()).isEqualTo(42.0);
            assertThat(((Number) row.get("turns")).intValue()).isEqualTo(2);
            var audited = Jdbi.create(pool).withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM audit_events WHERE action IN ('webhook.ingest', 'tool.call')").mapTo(Integer.class).one());
            assertThat(audited).isEqualTo(2);
        }
    }

    @Test
    void webrtc_sessions_are_matched_by_conversation_id_and_a_failed_call_fails_its_session() throws Exception {
        var created = json.readTree(send("POST", "/api/v1/sessions", token,
                "{\"provider\":\"elevenlabs\",\"mode\":\"webrtc\",\"agent_id\":\"agent_alt\"}").body());
        var connect = created.path("connect");
        assertThat(connect.path("type").asText()).isEqualTo("conversation_token");
        var conversation = connect.path("conversation_id").asText();
        assertThat(conversation).startsWith("conv_");

        var failure = elevenLabs.initiationFailure("agent_alt", conversation, "busy");
        assertThat(elevenLabs.send(webhookUrl(), failure).status()).isEqualTo(200);

        var session = json.readTree(send("GET", "/api/v1/sessions/" + created.path("session").path("id").asText(), token, null).body());
        assertThat(session.path("status").asText()).isEqualTo("failed");
        assertThat(session.path("end_reason").asText()).isEqualTo("call_initiation_failed");
    }

    @Test
    void an_agent_outside_the_allow_list_is_a_400_naming_the_field() throws Exception {
        var refused = send("POST", "/api/v1/sessions", token,
                "{\"provider\":\"elevenlabs\",\"mode\":\"websocket\",\"agent_id\":\"agent_someone_elses\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("/agent_id");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void a_wrong_tool_secret_or_webhook_signature_is_401_and_ready_and_providers_report_elevenlabs_configured() throws Exception {
        var tool = send("POST", "/api/v1/elevenlabs/tools/get_context", null,
                "{\"voicegate_session_ref\":\"AAAAAAAAAAAAAAAAAAAAAA\"}", "X-Voicegate-Tool-Secret", "wrong-secret-0123456789");
        assertThat(tool.statusCode()).isEqualTo(401);

        var forged = new ElevenLabsWebhookSender(http, "wsec_forged_0123456789", Clock.systemUTC());
        assertThat(forged.send(webhookUrl(), forged.initiationFailure("agent_main", "conv_x", "busy")).status()).isEqualTo(401);
        try (var pool = Database.pool(settings())) {
            var denied = Jdbi.create(pool).withHandle(h -> h.createQuery("SELECT detail FROM audit_events "
                    + "WHERE action = 'webhook.ingest' AND outcome = 'DENIED'").mapTo(String.class).list());
            assertThat(denied).containsExactly("rejected: mismatch");
        }

        var ready = json.readTree(send("GET", "/ready", null, null).body());
        assertThat(ready.path("providers")).anySatisfy(p -> {
            assertThat(p.path("id").asText()).isEqualTo("elevenlabs");
            assertThat(p.path("configured").asBoolean()).isTrue();
        });
        var providers = json.readTree(send("GET", "/api/v1/providers", token, null).body()).path("providers");
        assertThat(providers).anySatisfy(p -> {
            assertThat(p.path("id").asText()).isEqualTo("elevenlabs");
            assertThat(p.path("configured").asBoolean()).isTrue();
            assertThat(p.path("modes").toString()).contains("websocket", "webrtc");
        });
    }

    private DatabaseSettings settings() {
        if (database != null) return database;
        return LauncherConfig.from(new Env(Map.of("DATA_DIR", dir.resolve("data").toString()))).database();
    }

    private URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + voicegate.port() + "/api/v1/elevenlabs/webhooks/post-call");
    }

    private static List<String> names(JsonNode object) {
        var names = new java.util.ArrayList<String>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body, String... headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + voicegate.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
