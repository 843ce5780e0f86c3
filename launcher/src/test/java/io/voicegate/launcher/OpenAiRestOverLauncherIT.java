package io.voicegate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.models.Model;
import com.openai.models.realtime.RealtimeSessionCreateRequest;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateParams;
import io.voicegate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /openai/v1} REST routes through the whole server ({@link Voicegate#start} on H2, OpenAI = the testkit
 * fake): a registered user's token works as the official SDK's API key, a WebRTC session from
 * {@code POST /api/v1/sessions} is continued by a call, and withdrawing consent hangs the call up.
 */
class OpenAiRestOverLauncherIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

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

    private void start(boolean withKey) {
        start(withKey, Map.of());
    }

    private void start(boolean withKey, Map<String, String> more) {
        var env = new HashMap<String, String>(more);
        if (withKey) env.put("OPENAI_API_KEY", fake.apiKey());
        env.put("OPENAI_BASE_URL", fake.baseUrl());
        env.put("OPENAI_REALTIME_MODELS", "gpt-realtime,gpt-realtime-mini");
        voicegate = Voicegate.start(LauncherIT.config(dir, env));
    }

    private String base() {
        return "http://127.0.0.1:" + voicegate.port();
    }

    private HttpResponse<String> call(String method, String path, String token, String contentType, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String consentingUser() throws Exception {
        var registered = call("POST", "/api/v1/auth/register", null, "application/json",
                "{\"email\":\"ada@example.com\",\"password\":\"a-long-password-42\",\"delivery\":\"body\",\"display_name\":\"Ada\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        var token = JSON.readTree(registered.body()).path("access_token").asText();
        for (var purpose : new String[]{"voice_processing", "transcript_storage"}) {
            assertThat(consent(token, purpose, true).statusCode()).isEqualTo(201);
        }
        return token;
    }

    private HttpResponse<String> consent(String token, String purpose, boolean granted) throws Exception {
        return call("POST", "/api/v1/consent", token, "application/json",
                "{\"purpose\":\"" + purpose + "\",\"version\":1,\"granted\":" + granted + "}");
    }

    private JsonNode session(String token, String id) throws Exception {
        var response = call("GET", "/api/v1/sessions/" + id, token, "application/json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    @Test
    void the_official_sdk_uses_a_voicegate_token_as_its_api_key() throws Exception {
        start(true);
        var token = consentingUser();
        var client = OpenAIOkHttpClient.builder().baseUrl(base() + "/openai/v1").apiKey(token).build();
        try {
            assertThat(client.models().list().data()).extracting(Model::id).containsExactly("gpt-realtime", "gpt-realtime-mini");
            var secret = client.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
                    .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime-mini").build()).build());
            assertThat(secret.value()).startsWith("ek_");
            var id = secret._additionalProperties().get("voicegate_session_id").convert(String.class);
            var recorded = session(token, id);
            assertThat(recorded.path("status").asText()).isEqualTo("created");
            assertThat(recorded.path("mode").asText()).isEqualTo("websocket");
        } finally {
            client.close();
        }
    }

    @Test
    void a_webrtc_session_is_continued_by_a_call_and_consent_withdrawal_hangs_it_up() throws Exception {
        start(true);
        var token = consentingUser();
        var created = call("POST", "/api/v1/sessions", token, "application/json", "{\"provider\":\"openai\",\"mode\":\"webrtc\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = JSON.readTree(created.body()).path("session").path("id").asText();

        var answered = call("POST", "/openai/v1/realtime/calls?session_id=" + id, token, "application/sdp", OFFER);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        var location = answered.headers().firstValue("Location").orElseThrow();
        var callId = location.substring(location.lastIndexOf('/') + 1);
        eventually(() -> {
            try {
                return session(token, id).path("status").asText().equals("active");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(fake.activeCalls()).contains(callId);

        assertThat(consent(token, "voice_processing", false).statusCode()).isEqualTo(201);

        eventually(() -> !fake.activeCalls().contains(callId));
        assertThat(session(token, id).path("end_reason").asText()).isEqualTo("consent_withdrawn");
    }

    /**
     * A page on an allowed origin using an OpenAI SDK reads the call id from {@code Location} (to hang up) and the
     * SDKs read {@code x-should-retry}; a browser hides both from a cross-origin caller unless they are exposed.
     */
    @Test
    void a_page_on_an_allowed_origin_can_read_the_call_location_and_the_retry_advice() throws Exception {
        var origin = "https://app.example.com";
        start(true, Map.of("CORS_ORIGINS", origin));
        var token = consentingUser();
        var answered = http.send(HttpRequest.newBuilder(URI.create(base() + "/openai/v1/realtime/calls"))
                .header("Content-Type", "application/sdp").header("Authorization", "Bearer " + token).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(OFFER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
        assertThat(exposed(answered)).contains("location", "voicegate-session-id");

        assertThat(consent(token, "voice_processing", false).statusCode()).isEqualTo(201);
        var refused = http.send(HttpRequest.newBuilder(URI.create(base() + "/openai/v1/realtime/client_secrets"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("x-should-retry")).contains("false");
        assertThat(exposed(refused)).contains("x-should-retry", "x-request-id", "retry-after");
    }

    private static java.util.List<String> exposed(HttpResponse<?> response) {
        return java.util.Arrays.stream(response.headers().firstValue("Access-Control-Expose-Headers").orElse("").split(","))
                .map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Test
    void without_a_key_the_routes_answer_503_naming_it() throws Exception {
        start(false);
        var token = consentingUser();
        var response = call("POST", "/openai/v1/chat/completions", token, "application/json",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains("OPENAI_API_KEY");
    }
}
