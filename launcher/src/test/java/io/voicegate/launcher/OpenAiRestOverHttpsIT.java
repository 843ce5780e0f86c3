package io.voicegate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /openai/v1} REST routes over HTTPS, as an SDK configured with {@code https://HOST:TLS_PORT/openai/v1}
 * uses them: models, chat completions (JSON and streamed) and speech, with a Voicegate token as the API key.
 */
class OpenAiRestOverHttpsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOpenAi fake = FakeOpenAi.start();
    @TempDir
    Path dir;
    private Voicegate voicegate;
    private HttpClient https;

    @AfterEach
    void stop() {
        if (voicegate != null) voicegate.close();
        fake.close();
    }

    @Test
    void models_chat_and_speech_answer_over_https_with_a_voicegate_token() throws Exception {
        voicegate = Voicegate.start(LauncherIT.config(dir, Map.of("TLS_SELF_SIGNED", "true", "TLS_PORT", "0",
                "OPENAI_API_KEY", fake.apiKey(), "OPENAI_BASE_URL", fake.baseUrl())));
        https = LauncherIT.trusting(dir.resolve("data/tls/cert.pem"));
        var token = consentingUser();

        var models = send("GET", "/openai/v1/models", token, null);
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(models.body()).at("/data/0/id").asText()).isEqualTo("gpt-realtime");

        var chat = send("POST", "/openai/v1/chat/completions", token,
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(JSON.readTree(chat.body()).path("object").asText()).isEqualTo("chat.completion");

        var streamed = send("POST", "/openai/v1/chat/completions", token,
                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(streamed.body()).contains("chat.completion.chunk").contains("data: [DONE]");

        var speech = https.send(request("POST", "/openai/v1/audio/speech", token,
                "{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Hello there\",\"voice\":\"coral\"}").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(speech.statusCode()).isEqualTo(200);
        assertThat(speech.body()).isNotEmpty();

        var withoutToken = send("GET", "/openai/v1/models", null, null);
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(withoutToken.body()).at("/error/message").asText()).isNotBlank();
        assertThat(withoutToken.body()).doesNotContain(fake.apiKey());
    }

    private String consentingUser() throws Exception {
        var registered = send("POST", "/api/v1/auth/register", null,
                "{\"email\":\"tls@example.com\",\"password\":\"a-long-password-42\",\"delivery\":\"body\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var token = JSON.readTree(registered.body()).path("access_token").asText();
        var consent = send("POST", "/api/v1/consent", token, "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}");
        assertThat(consent.statusCode()).isEqualTo(201);
        return token;
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return https.send(request(method, path, token, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String token, String body) {
        var request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + voicegate.tlsPort().orElseThrow() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return request;
    }
}
