package io.voicegate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.testkit.openai.FakeOpenAi;
import io.voicegate.testkit.openai.JdkRealtimeClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAI realtime relay through the whole server ({@link Voicegate#start} on H2, OpenAI = the testkit fake on
 * loopback): a JDK WebSocket client speaks to {@code /openai/v1/realtime} with a registered user's token, and the
 * session, its transcript and its usage are read back over the REST API.
 */
class OpenAiRelayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Voicegate voicegate;

    @AfterEach
    void stop() {
        if (voicegate != null) voicegate.close();
        fake.close();
    }

    private Voicegate start(Map<String, String> extra) {
        var env = new HashMap<String, String>();
        env.put("OPENAI_API_KEY", fake.apiKey());
        env.put("OPENAI_BASE_URL", fake.baseUrl());
        env.put("OPENAI_INSTRUCTIONS", "Be brief.");
        env.putAll(extra);
        voicegate = Voicegate.start(LauncherIT.config(dir, env));
        return voicegate;
    }

    private String base() {
        return "http://127.0.0.1:" + voicegate.port();
    }

    private URI relay() {
        return URI.create("ws://127.0.0.1:" + voicegate.port() + "/openai/v1/realtime?model=gpt-realtime");
    }

    /** Registers a user who consents to voice processing and transcript storage; returns the access token. */
    private String consentingUser(String name) throws Exception {
        var registered = call("POST", "/api/v1/auth/register", null, "{\"email\":\"" + name.toLowerCase()
                + "@example.com\",\"password\":\"a-long-password-42\",\"delivery\":\"body\",\"display_name\":\"" + name + "\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        var token = JSON.readTree(registered.body()).path("access_token").asText();
        for (var purpose : new String[]{"voice_processing", "transcript_storage"}) {
            var answered = call("POST", "/api/v1/consent", token, "{\"purpose\":\"" + purpose + "\",\"version\":1,\"granted\":true}");
            assertThat(answered.statusCode()).isEqualTo(201);
        }
        return token;
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path, String token) throws Exception {
        var response = call("GET", path, token, null);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The caller's newest session, once it satisfies {@code done} (the relay records as frames flow). */
    private JsonNode newestSession(String token, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            var sessions = get("/api/v1/sessions", token).path("sessions");
            if (sessions.size() > 0 && done.test(sessions.get(0))) return sessions.get(0);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the session never reached the expected state: " + sessions);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static Predicate<JsonNode> endedWith(String reason) {
        return s -> reason.equals(s.path("end_reason").asText());
    }

    static String audio(boolean loud) {
        var bytes = new byte[960];
        if (loud) for (int i = 0; i + 1 < bytes.length; i += 2) bytes[i + 1] = (byte) ((i / 2) % 2 == 0 ? 0x20 : 0xE0);
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
    }

    @Test
    void a_spoken_turn_is_relayed_recorded_and_answered_with_the_server_side_get_context_tool() throws Exception {
        start(Map.of());
        var token = consentingUser("Ada");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.created");
        var updated = client.await("session.updated");
        assertThat(updated.path("session").path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(updated.path("session").path("tools").get(0).path("name").asText()).isEqualTo("get_context");

        fake.transcribeUserAudioAs("Who am I?");
        fake.nextResponseCalls("get_context", "{}");
        for (int i = 0; i < 5; i++) client.send(audio(true));
        for (int i = 0; i < 15; i++) client.send(audio(false));
        client.await("response.function_call_arguments.done");
        var answer = client.await("response.output_audio_transcript.done");
        assertThat(answer.path("transcript").asText()).contains("\"display_name\":\"Ada\"").contains("\"earlier_sessions\":\"0\"");
        client.await("response.done");

        var active = newestSession(token, s -> s.path("status").asText().equals("active"));
        assertThat(active.path("provider").asText()).isEqualTo("openai");
        assertThat(active.path("mode").asText()).isEqualTo("relay");
        var id = active.path("id").asText();
        client.close();
        var ended = newestSession(token, endedWith("client_closed"));
        assertThat(ended.path("status").asText()).isEqualTo("ended");

        var turns = get("/api/v1/sessions/" + id + "/transcript", token).path("turns");
        assertThat(turns.findValuesAsText("content")).contains("Who am I?");
        assertThat(turns.findValuesAsText("role")).contains("user", "assistant");
        var usage = get("/api/v1/usage", token).path("total");
        assertThat(usage.path("tokens").path("total").asLong()).isPositive();
        var audit = get("/api/v1/me/audit", token).toString();
        assertThat(audit).contains("tool.call").contains("display_name").doesNotContain("Ada");
        assertThat(fake.requestsTo("/v1/realtime").get(0).header("Authorization")).contains("Bearer " + fake.apiKey());
    }

    @Test
    void withdrawing_consent_closes_the_live_relay_with_a_code_and_reason_and_ends_the_session() throws Exception {
        start(Map.of());
        var token = consentingUser("Bob");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.updated");
        newestSession(token, s -> s.path("status").asText().equals("active"));

        var withdrawn = call("POST", "/api/v1/consent", token, "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":false}");
        assertThat(withdrawn.statusCode()).isEqualTo(201);

        var closed = client.awaitClose();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("Consent");
        assertThat(newestSession(token, endedWith("consent_withdrawn")).path("status").asText()).isEqualTo("ended");
        assertThatThrownBy(() -> JdkRealtimeClient.connect(relay(), token))
                .satisfies(e -> assertThat(status(e)).isEqualTo(403));
    }

    @Test
    void erasing_the_account_closes_its_live_relay_first() throws Exception {
        start(Map.of());
        var token = consentingUser("Nia");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.updated");
        newestSession(token, s -> s.path("status").asText().equals("active"));
        var erased = call("DELETE", "/api/v1/me", token, "{\"password\":\"a-long-password-42\"}");
        assertThat(erased.statusCode()).isEqualTo(204);
        var closed = client.awaitClose();
        assertThat(closed.code()).isEqualTo(1000);
        assertThat(closed.reason()).isNotBlank();
        for (int i = 0; i < 100 && fake.openConnections() > 0; i++) LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        assertThat(fake.openConnections()).as("the upstream is closed too").isZero();
    }

    @Test
    void a_refused_or_failing_upstream_closes_the_client_with_a_code_and_fails_the_session() throws Exception {
        start(Map.of("QUOTA_CONCURRENT_SESSIONS", "10"));
        var token = consentingUser("Cy");
        for (var status : new int[]{401, 500, 429}) {
            if (status == 429) fake.failNextRequestWithRateLimit(Duration.ofSeconds(3));
            else fake.failNextRequest(status);
            var client = JdkRealtimeClient.connect(relay(), token);
            var closed = client.awaitClose();
            assertThat(closed.code()).as("close code after upstream " + status + " reason " + closed.reason()).isEqualTo(status == 429 ? 1013 : 1011);
            assertThat(closed.reason()).as("reason after upstream " + status).isNotBlank().doesNotContain(fake.apiKey());
            var session = newestSession(token, endedWith("upstream_error"));
            assertThat(session.path("status").asText()).isEqualTo("failed");
        }
    }

    @Test
    void debug_logging_prints_neither_the_server_key_nor_the_users_token() throws Exception {
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logs = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logs.start();
        root.addAppender(logs);
        LogLevels.apply("DEBUG");
        String token;
        try {
            start(Map.of("LOG_LEVEL", "DEBUG"));
            token = consentingUser("Dora");
            var client = JdkRealtimeClient.connect(relay(), token);
            client.await("session.updated");
            client.send(audio(true));
            client.close();
            newestSession(token, s -> !s.path("end_reason").asText().isEmpty());
        } finally {
            LogLevels.apply("INFO");
            root.detachAppender(logs);
        }
        var secrets = java.util.List.of(fake.apiKey(), token);
        assertThat(logs.list).as("debug output was captured").isNotEmpty();
        for (var event : logs.list) {
            var line = event.getFormattedMessage() + " " + java.util.Arrays.toString(event.getArgumentArray());
            for (var secret : secrets) assertThat(line).as(event.getLoggerName()).doesNotContain(secret);
        }
    }

    @Test
    void an_upstream_that_drops_mid_session_closes_the_client_with_1011() throws Exception {
        start(Map.of());
        var token = consentingUser("Dee");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.updated");
        fake.dropConnections();
        assertThat(client.awaitClose().code()).isEqualTo(1011);
        assertThat(newestSession(token, endedWith("upstream_error")).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void a_silent_relay_ends_after_the_idle_timeout() throws Exception {
        start(Map.of("SESSION_IDLE_SECONDS", "5"));
        var token = consentingUser("Eve");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.updated");
        var closed = client.awaitClose();
        assertThat(closed.code()).isEqualTo(1000);
        assertThat(closed.reason()).contains("idle");
        newestSession(token, endedWith("idle_timeout"));
    }

    @Test
    void a_graceful_stop_ends_live_relays_with_1001_and_server_shutdown() throws Exception {
        start(Map.of());
        var token = consentingUser("Fay");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.updated");
        var id = newestSession(token, s -> s.path("status").asText().equals("active")).path("id").asText();
        voicegate.close();
        assertThat(client.awaitClose().code()).isEqualTo(1001);
        voicegate = start(Map.of());
        var again = call("POST", "/api/v1/auth/login", null, "{\"email\":\"fay@example.com\",\"password\":\"a-long-password-42\",\"delivery\":\"body\"}");
        var token2 = JSON.readTree(again.body()).path("access_token").asText();
        assertThat(get("/api/v1/sessions/" + id, token2).path("end_reason").asText()).isEqualTo("server_shutdown");
    }

    @Test
    void ready_and_providers_say_whether_openai_is_configured_and_the_relay_answers_503_without_a_key() throws Exception {
        start(Map.of("OPENAI_API_KEY", ""));
        var ready = get("/ready", null);
        assertThat(ready.path("providers").findValuesAsText("id")).contains("openai");
        assertThat(provider(ready.path("providers"), "openai").path("configured").asBoolean()).isFalse();
        var token = consentingUser("Gus");
        var providers = get("/api/v1/providers", token).path("providers");
        assertThat(provider(providers, "openai").path("configured").asBoolean()).isFalse();
        assertThatThrownBy(() -> JdkRealtimeClient.connect(relay(), token))
                .satisfies(e -> assertThat(status(e)).isEqualTo(503))
                .satisfies(e -> assertThat(body(e)).contains("\"code\":\"provider_not_configured\""));
    }

    @Test
    void ready_lists_openai_configured_when_it_has_a_key() throws Exception {
        start(Map.of());
        var ready = get("/ready", null);
        assertThat(provider(ready.path("providers"), "openai").path("configured").asBoolean()).isTrue();
        assertThat(ready.path("simulated").asBoolean()).isFalse();
        assertThat(ready.toString()).doesNotContain(fake.apiKey());
    }

    @Test
    void a_relay_session_created_over_the_api_is_continued_by_its_connect_url_and_only_by_its_owner() throws Exception {
        start(Map.of());
        var token = consentingUser("Hal");
        var created = call("POST", "/api/v1/sessions", token, "{\"provider\":\"openai\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var body = JSON.readTree(created.body());
        var id = body.path("session").path("id").asText();
        var connect = body.path("connect");
        assertThat(connect.path("type").asText()).isEqualTo("relay");
        assertThat(connect.path("url").asText()).isEqualTo("ws://127.0.0.1:" + voicegate.port()
                + "/openai/v1/realtime?model=gpt-realtime&session_id=" + id);
        assertThat(body.path("session").path("status").asText()).isEqualTo("created");

        var stranger = consentingUser("Ivy");
        assertThatThrownBy(() -> JdkRealtimeClient.connect(URI.create(connect.path("url").asText()), stranger))
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));

        var client = JdkRealtimeClient.connect(URI.create(connect.path("url").asText()), token);
        client.await("session.updated");
        // The relay marks the session active as it connects; the client may hear the upstream first.
        var session = newestSession(token, s -> "active".equals(s.path("status").asText()));
        assertThat(session.path("id").asText()).isEqualTo(id);
        assertThat(get("/api/v1/sessions", token).path("sessions")).hasSize(1);
        client.close();
        assertThat(newestSession(token, endedWith("client_closed")).path("id").asText()).isEqualTo(id);
        assertThatThrownBy(() -> JdkRealtimeClient.connect(URI.create(connect.path("url").asText()), token))
                .satisfies(e -> assertThat(status(e)).isEqualTo(409));
    }

    @Test
    void websocket_mode_mints_an_ephemeral_key_with_the_enforced_policy_and_webrtc_mode_names_the_calls_url() throws Exception {
        start(Map.of("OPENAI_VOICE", "cedar", "OPENAI_CLIENT_SECRET_TTL_SECONDS", "120"));
        var token = consentingUser("Jo");
        var minted = call("POST", "/api/v1/sessions", token, "{\"provider\":\"openai\",\"mode\":\"websocket\"}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
        var connect = JSON.readTree(minted.body()).path("connect");
        assertThat(connect.path("type").asText()).isEqualTo("client_secret");
        assertThat(connect.path("token").asText()).startsWith("ek_");
        assertThat(connect.path("url").asText()).isEqualTo(fake.realtimeUri("gpt-realtime").toString());
        var forwarded = JSON.readTree(fake.requestsTo("/v1/realtime/client_secrets").get(0).body());
        assertThat(forwarded.at("/expires_after/seconds").asInt()).isEqualTo(120);
        assertThat(forwarded.at("/session/model").asText()).isEqualTo("gpt-realtime");
        assertThat(forwarded.at("/session/instructions").asText()).isEqualTo("Be brief.");
        assertThat(forwarded.at("/session/audio/output/voice").asText()).isEqualTo("cedar");
        assertThat(minted.body()).doesNotContain(fake.apiKey());

        var call = call("POST", "/api/v1/sessions", token, "{\"provider\":\"openai\",\"mode\":\"webrtc\"}");
        var webrtc = JSON.readTree(call.body());
        assertThat(webrtc.at("/connect/type").asText()).isEqualTo("webrtc");
        assertThat(webrtc.at("/connect/url").asText()).isEqualTo("http://127.0.0.1:" + voicegate.port()
                + "/openai/v1/realtime/calls?session_id=" + webrtc.at("/session/id").asText());

        var otherVoice = call("POST", "/api/v1/sessions", token, "{\"provider\":\"openai\",\"voice\":\"alloy\"}");
        assertThat(otherVoice.statusCode()).isEqualTo(400);
        var otherModel = call("POST", "/api/v1/sessions", token, "{\"provider\":\"openai\",\"model\":\"gpt-4o\"}");
        assertThat(otherModel.statusCode()).isEqualTo(400);
    }

    @Test
    void crossing_the_daily_cost_quota_closes_the_live_relay_with_quota_exhausted() throws Exception {
        start(Map.of("QUOTA_DAILY_COST_USD", "0.0000001"));
        var token = consentingUser("Kim");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.updated");
        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}");
        client.send("{\"type\":\"response.create\"}");
        var closed = client.awaitClose();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("quota");
        newestSession(token, endedWith("quota_exhausted"));
    }

    @Test
    void the_relay_runs_over_wss_with_a_self_signed_certificate() throws Exception {
        start(Map.of("TLS_SELF_SIGNED", "true", "TLS_PORT", "0"));
        var token = consentingUser("Lu");
        var https = LauncherIT.trusting(dir.resolve("data/tls/cert.pem"));
        var created = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + voicegate.tlsPort().orElseThrow()
                        + "/api/v1/sessions")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"openai\"}")).build(), HttpResponse.BodyHandlers.ofString());
        var url = JSON.readTree(created.body()).at("/connect/url").asText();
        assertThat(url).startsWith("wss://127.0.0.1:" + voicegate.tlsPort().orElseThrow() + "/openai/v1/realtime?model=gpt-realtime&session_id=");

        var client = JdkRealtimeClient.connectWith(https, URI.create(url), Map.of("Authorization", "Bearer " + token));
        client.await("session.created");
        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"over tls\"}]}}");
        client.send("{\"type\":\"response.create\"}");
        assertThat(client.await("response.output_audio_transcript.done").path("transcript").asText()).isEqualTo("You said: over tls");
        client.close();
        newestSession(token, endedWith("client_closed"));
    }

    @Test
    void simulated_mode_answers_from_the_built_in_fake_and_says_so() throws Exception {
        voicegate = Voicegate.start(LauncherIT.config(dir, Map.of("VOICEGATE_SIMULATE", "true")));
        var ready = get("/ready", null);
        assertThat(ready.path("simulated").asBoolean()).isTrue();
        assertThat(provider(ready.path("providers"), "openai").path("configured").asBoolean()).isTrue();
        assertThat(provider(ready.path("providers"), "openai").path("simulated").asBoolean()).isTrue();
        assertThat(provider(ready.path("providers"), "elevenlabs").path("configured").asBoolean()).isTrue();
        assertThat(provider(ready.path("providers"), "elevenlabs").path("simulated").asBoolean()).isTrue();
        var token = consentingUser("Max");
        var client = JdkRealtimeClient.connect(relay(), token);
        client.await("session.created");
        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"simulated?\"}]}}");
        client.send("{\"type\":\"response.create\"}");
        assertThat(client.await("response.output_audio_transcript.done").path("transcript").asText()).isEqualTo("You said: simulated?");
        assertThat(fake.requests()).as("the test's own fake is not the one answering").isEmpty();
    }

    static JsonNode provider(JsonNode list, String id) {
        for (var p : list) if (p.path("id").asText().equals(id)) return p;
        throw new AssertionError("no provider " + id + " in " + list);
    }

    static int status(Throwable failure) {
        var cause = failure;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) cause = cause.getCause();
        assertThat(cause).as("a refused handshake").isNotNull();
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    static String body(Throwable failure) {
        var cause = failure;
        while (!(cause instanceof WebSocketHandshakeException)) cause = cause.getCause();
        return String.valueOf(((WebSocketHandshakeException) cause).getResponse().body());
    }
}
