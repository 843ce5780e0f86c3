package io.voicegate.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.persistence.Database;
import io.voicegate.persistence.DatabaseSettings;
import io.voicegate.persistence.TestDatabases;
import io.voicegate.testkit.ElevenLabsWebhookSender;
import io.voicegate.testkit.FakeElevenLabs;
import io.voicegate.testkit.FakeElevenLabsConversation;
import io.voicegate.testkit.openai.JdkRealtimeClient;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ElevenLabs relay through {@link Voicegate#start}, on H2 and on PostgreSQL, with the fake ElevenLabs as upstream
 * and a JDK WebSocket client: a session created for the relay is continued by its connect URL, the agent hears
 * Voicegate's dynamic variables over the client's, frames pass unchanged both ways, turns reach the database as they
 * happen, pings are answered, either side's close ends the session, and every refusal before the upgrade is
 * problem+json. Nothing the client receives names the agent or the key.
 */
@ParameterizedClass
@ValueSource(strings = {"h2", "postgres"})
class ElevenLabsRelayIT {

    private static final String API_KEY = "xi-relay-test-key-0123456789";
    private static final String AGENT = "agent_hidden_7f3a";
    private static final String WEBHOOK_SECRET = "wsec_relay_0123456789abcdef";
    private static final String ORIGIN = "https://app.example";
    private static final String CHUNK = "{\"user_audio_chunk\":\"AAECAwQFBgcICQoLDA0ODw==\"}";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Parameter
    String kind;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeElevenLabs fake;
    private DatabaseSettings database;
    private Voicegate voicegate;
    private String token;
    private com.zaxxer.hikari.HikariDataSource pool;

    @BeforeEach
    void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.voicegate")).setLevel(Level.DEBUG);
        fake = FakeElevenLabs.start(API_KEY);
        var env = new HashMap<String, String>(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "DATA_DIR", dir.resolve("data").toString(), "CORS_ORIGINS", ORIGIN,
                "ELEVENLABS_API_KEY", API_KEY, "ELEVENLABS_BASE_URL", fake.baseUrl().toString(),
                "ELEVENLABS_AGENT_ID", AGENT, "ELEVENLABS_WEBHOOK_SECRETS", WEBHOOK_SECRET,
                "QUOTA_CONCURRENT_SESSIONS", "10"));
        if (kind.equals("postgres")) {
            database = TestDatabases.postgres();
            env.put("DATABASE_URL", database.jdbcUrl() + "&user=" + database.user());
        }
        voicegate = Voicegate.start(LauncherConfig.from(new Env(env)));
        token = user("ada@example.com", "Ada");
    }

    @AfterEach
    void stop() {
        if (pool != null) pool.close();
        if (voicegate != null) voicegate.close();
        if (fake != null) fake.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.voicegate")).setLevel(Level.INFO);
    }

    /** Voicegate's own log lines (with their stack traces) never show the key or a signed URL's signature. */
    private void assertLogsHoldNoSecret() {
        var lines = logs.list.stream().filter(e -> e.getLoggerName().startsWith("io.voicegate"))
                .map(e -> e.getFormattedMessage() + " "
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).isNotEmpty().noneSatisfy(line -> assertThat(line).containsAnyOf(API_KEY, "conversation_signature"));
    }

    @Test
    void relays_the_conversation_with_voicegates_variables_and_records_turns_as_they_happen() throws Exception {
        fake.script(FakeElevenLabsConversation.Script.defaults()
                .requiringDynamicVariables("voicegate_session_ref", "user_pseudonym", "user_name"));
        var created = createRelaySession(token);
        var sessionId = created.at("/session/id").asText();
        var connect = created.path("connect");
        assertThat(connect.path("type").asText()).isEqualTo("relay");
        assertThat(connect.path("url").asText()).isEqualTo("ws://127.0.0.1:" + voicegate.port()
                + "/api/v1/elevenlabs/conversation?session_id=" + sessionId);
        assertThat(connect.has("dynamic_variables")).as("the relay sets them itself").isFalse();
        assertThat(created.toString()).doesNotContain(AGENT).doesNotContain(API_KEY);
        assertThat(fake.requests()).as("nothing is minted before the client connects").isEmpty();

        var client = JdkRealtimeClient.connect(URI.create(connect.path("url").asText()), token);
        client.send("{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"user_name\":\"Mallory\","
                + "\"voicegate_session_ref\":\"BBBBBBBBBBBBBBBBBBBBBB\",\"topic\":\"billing\"},"
                + "\"conversation_config_override\":{\"agent\":{\"language\":\"en\"}}}");
        var metadata = client.await("conversation_initiation_metadata");
        var conversation = fake.conversation(metadata.at("/conversation_initiation_metadata_event/conversation_id").asText())
                .orElseThrow();
        assertThat(conversation.agentId()).isEqualTo(AGENT);
        var initiation = json.readTree(conversation.initiationData().orElseThrow());
        var variables = initiation.path("dynamic_variables");
        assertThat(variables.path("voicegate_session_ref").asText()).isEqualTo(column(sessionId, "session_ref"));
        assertThat(variables.path("user_name").asText()).isEqualTo("Ada");
        assertThat(variables.path("user_pseudonym").asText()).isNotBlank();
        assertThat(variables.path("topic").asText()).isEqualTo("billing");
        assertThat(initiation.at("/conversation_config_override/agent/language").asText()).isEqualTo("en");

        for (int i = 0; i < 3; i++) client.send(CHUNK);
        assertThat(client.await("user_transcript").at("/user_transcription_event/user_transcript").asText()).isEqualTo("hello");
        awaitTrue(() -> turns(sessionId) >= 1);
        client.await("agent_response");
        awaitTrue(() -> turns(sessionId) == 2);
        client.await("audio");
        client.await("audio");
        var live = session(sessionId);
        assertThat(live.path("status").asText()).as("turns are stored while the conversation runs").isEqualTo("active");

        int ping = conversation.sendPing();
        assertThat(client.await("ping").at("/ping_event/event_id").asInt()).isEqualTo(ping);
        awaitTrue(() -> conversation.pongs().contains(ping));
        client.send("{\"type\":\"pong\",\"event_id\":" + ping + "}");
        client.send("{\"type\":\"user_message\",\"text\":\"thanks\"}");
        client.await("agent_response");
        client.await("audio");
        client.await("audio");

        assertThat(conversation.pongs()).as("one pong per ping").containsExactly(ping);
        assertThat(conversation.received()).filteredOn(CHUNK::equals).hasSize(3);
        assertThat(client.seen()).as("frames reach the client as ElevenLabs sent them")
                .containsExactlyElementsOf(conversation.sent());
        client.close();
        assertThat(awaitSession(sessionId, "client_closed").path("status").asText()).isEqualTo("ended");
        awaitTrue(() -> conversation.closeCode().isPresent());

        var transcript = json.readTree(send("GET", "/api/v1/sessions/" + sessionId + "/transcript", token, null).body());
        assertThat(transcript.path("turns")).extracting(t -> t.path("role").asText() + ": " + t.path("content").asText())
                .containsExactly("user: hello", "assistant: Hi, how can I help?", "assistant: Hi, how can I help?");
        assertThat(column(sessionId, "provider_conversation_id")).isEqualTo(conversation.conversationId());

        var webhook = new ElevenLabsWebhookSender(http, WEBHOOK_SECRET, Clock.systemUTC());
        var report = webhook.transcription(AGENT, conversation.conversationId(), Optional.empty(), List.of(
                new ElevenLabsWebhookSender.Line("user", "hello", 0),
                new ElevenLabsWebhookSender.Line("agent", "Hi, how can I help?", 1)), 12, 40);
        assertThat(webhook.send(URI.create(base() + "/api/v1/elevenlabs/webhooks/post-call"), report).status()).isEqualTo(200);
        assertThat(turns(sessionId)).as("the report does not repeat the live transcript").isEqualTo(3);

        var everything = String.join("\n", client.seen());
        assertThat(everything).doesNotContain(AGENT).doesNotContain(API_KEY).doesNotContain("conversation_signature");
        assertLogsHoldNoSecret();
    }

    @Test
    void a_client_that_opens_with_audio_gets_the_initiation_sent_for_it_and_the_agent_ending_ends_the_session() throws Exception {
        var created = createRelaySession(token);
        var sessionId = created.at("/session/id").asText();
        var client = JdkRealtimeClient.connect(URI.create(created.at("/connect/url").asText()), token);
        client.send(CHUNK);
        var metadata = client.await("conversation_initiation_metadata");
        var conversation = fake.conversation(metadata.at("/conversation_initiation_metadata_event/conversation_id").asText())
                .orElseThrow();
        var variables = json.readTree(conversation.initiationData().orElseThrow()).path("dynamic_variables");
        var names = new java.util.ArrayList<String>();
        variables.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("voicegate_session_ref", "user_pseudonym", "user_name");
        awaitTrue(() -> conversation.received().size() == 2);
        assertThat(conversation.received().get(1)).isEqualTo(CHUNK);

        conversation.end(1000, "Agent ended the call");
        var closed = client.awaitClose();
        assertThat(closed.code()).isEqualTo(1000);
        assertThat(closed.reason()).isEqualTo("Agent ended the call");
        assertThat(awaitSession(sessionId, "upstream_closed").path("status").asText()).isEqualTo("ended");
    }

    @Test
    void withdrawing_consent_closes_the_live_relay_and_its_conversation() throws Exception {
        var created = createRelaySession(token);
        var client = JdkRealtimeClient.connect(URI.create(created.at("/connect/url").asText()), token);
        client.send(CHUNK);
        client.await("conversation_initiation_metadata");
        var withdrawn = send("POST", "/api/v1/consent", token, "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":false}");
        assertThat(withdrawn.statusCode()).isEqualTo(201);

        assertThat(client.awaitClose().code()).isEqualTo(1008);
        assertThat(awaitSession(created.at("/session/id").asText(), "consent_withdrawn").path("status").asText()).isEqualTo("ended");
        awaitTrue(() -> fake.conversations().stream().allMatch(c -> c.closeCode().isPresent()));
    }

    @Test
    void refusals_before_the_upgrade_are_problem_json() throws Exception {
        var created = createRelaySession(token);
        var url = URI.create(created.at("/connect/url").asText());

        assertRefused(() -> JdkRealtimeClient.connect(url, null), 401);
        assertRefused(() -> JdkRealtimeClient.connectWith(url, Map.of("Authorization", "Bearer " + token,
                "Origin", "https://evil.example")), 403);
        var stranger = user("eve@example.com", "Eve");
        assertRefused(() -> JdkRealtimeClient.connect(url, stranger), 404);
        assertRefused(() -> JdkRealtimeClient.connect(URI.create("ws://127.0.0.1:" + voicegate.port()
                + "/api/v1/elevenlabs/conversation"), token), 400);
        var websocketMode = json.readTree(send("POST", "/api/v1/sessions", token,
                "{\"provider\":\"elevenlabs\",\"mode\":\"websocket\"}").body());
        assertRefused(() -> JdkRealtimeClient.connect(URI.create("ws://127.0.0.1:" + voicegate.port()
                + "/api/v1/elevenlabs/conversation?session_id=" + websocketMode.at("/session/id").asText()), token), 409);
        assertRefused(() -> JdkRealtimeClient.connect(URI.create(url + "&agent_id=agent_not_allowed"), token), 400);

        var client = JdkRealtimeClient.connectWith(url, Map.of("Authorization", "Bearer " + token, "Origin", ORIGIN));
        client.send(CHUNK);
        client.await("conversation_initiation_metadata");
        client.close();
        awaitSession(created.at("/session/id").asText(), "client_closed");
        assertRefused(() -> JdkRealtimeClient.connect(url, token), 409);
    }

    @Test
    void a_browser_authenticates_with_the_bearer_subprotocol_and_is_answered_convai() throws Exception {
        var created = createRelaySession(token);
        var client = JdkRealtimeClient.connectWith(URI.create(created.at("/connect/url").asText()), Map.of("Origin", ORIGIN),
                "convai", "bearer." + token);
        assertThat(client.subprotocol()).isEqualTo("convai");
        client.send(CHUNK);
        client.await("conversation_initiation_metadata");
        client.close();
        awaitSession(created.at("/session/id").asText(), "client_closed");
    }

    @Test
    void elevenlabs_refusing_the_signed_url_is_a_503_before_the_upgrade_and_the_session_can_try_again() throws Exception {
        var created = createRelaySession(token);
        var url = URI.create(created.at("/connect/url").asText());
        fake.failRestCallsWith(500);
        var body = assertRefused(() -> JdkRealtimeClient.connect(url, token), 503);
        assertThat(body).doesNotContain(API_KEY).doesNotContain(AGENT);
        assertLogsHoldNoSecret();
        fake.failRestCallsWith(0);
        var client = JdkRealtimeClient.connect(url, token);
        client.send(CHUNK);
        client.await("conversation_initiation_metadata");
        client.close();
        awaitSession(created.at("/session/id").asText(), "client_closed");
    }

    private JsonNode createRelaySession(String bearer) throws Exception {
        var created = send("POST", "/api/v1/sessions", bearer, "{\"provider\":\"elevenlabs\",\"mode\":\"relay\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body());
    }

    /** The refused handshake's status and problem+json body; returns the body. */
    private String assertRefused(ThrowingConnect connect, int status) {
        var refused = new java.util.concurrent.atomic.AtomicReference<HttpResponse<?>>();
        assertThatThrownBy(connect::run).satisfies(e -> {
            var cause = e;
            while (cause != null && !(cause instanceof WebSocketHandshakeException)) cause = cause.getCause();
            assertThat(cause).as("a refused handshake").isNotNull();
            refused.set(((WebSocketHandshakeException) cause).getResponse());
        });
        var response = refused.get();
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var body = String.valueOf(response.body());
        assertThat(body).contains("\"status\":" + status);
        return body;
    }

    @FunctionalInterface
    private interface ThrowingConnect {
        void run() throws Exception;
    }

    private String user(String email, String name) throws Exception {
        var registered = send("POST", "/api/v1/auth/register", null, "{\"email\":\"" + email
                + "\",\"password\":\"a-long-password-42\",\"display_name\":\"" + name + "\",\"delivery\":\"body\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        var bearer = json.readTree(registered.body()).path("access_token").asText();
        for (var purpose : List.of("voice_processing", "transcript_storage")) {
            assertThat(send("POST", "/api/v1/consent", bearer,
                    "{\"purpose\":\"" + purpose + "\",\"version\":1,\"granted\":true}").statusCode()).isBetween(200, 201);
        }
        return bearer;
    }

    private JsonNode session(String id) throws Exception {
        return json.readTree(send("GET", "/api/v1/sessions/" + id, token, null).body());
    }

    private JsonNode awaitSession(String id, String endReason) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var session = session(id);
            if (endReason.equals(session.path("end_reason").asText())) return session;
            if (System.nanoTime() > deadline) throw new AssertionError("session never ended with " + endReason + ": " + session);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + WAIT);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private int turns(String sessionId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM transcript_turns WHERE session_id = CAST(:id AS UUID)")
                    .bind("id", sessionId).mapTo(Integer.class).one());
    }

    private String column(String sessionId, String name) {
        return jdbi().withHandle(h -> h.createQuery("SELECT " + name + " FROM voice_sessions WHERE id = CAST(:id AS UUID)")
                    .bind("id", sessionId).mapTo(String.class).one());
    }

    /** The test's own view of the server's database, opened once. */
    private Jdbi jdbi() {
        if (pool == null) pool = Database.pool(settings());
        return Jdbi.create(pool);
    }

    private DatabaseSettings settings() {
        if (database != null) return database;
        return LauncherConfig.from(new Env(Map.of("DATA_DIR", dir.resolve("data").toString()))).database();
    }

    private String base() {
        return "http://127.0.0.1:" + voicegate.port();
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
