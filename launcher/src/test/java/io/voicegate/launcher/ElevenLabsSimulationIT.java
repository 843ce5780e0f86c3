package io.voicegate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.testkit.openai.JdkRealtimeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without any ElevenLabs account, the simulated mode mints sessions against the built-in fake and says so. */
class ElevenLabsSimulationIT {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mints_against_the_fake_and_ready_says_the_provider_is_simulated() throws Exception {
        var operator = LauncherConfig.from(new Env(Map.of("HOST", "127.0.0.1", "PORT", "0",
                "DATA_DIR", dir.resolve("data").toString())));
        try (var simulation = ElevenLabsSimulation.start()) {
            var config = new LauncherConfig(operator.server(), operator.database(), operator.privacy(),
                    simulation.configure(operator.elevenLabs()), operator.auth(), operator.sessions(), operator.openAi(), false);
            try (var voicegate = Voicegate.start(config, true)) {
                var base = "http://127.0.0.1:" + voicegate.port();
                var ready = json.readTree(get(base + "/ready", null));
                assertThat(ready.path("simulated").asBoolean()).isTrue();
                assertThat(ready.path("providers")).anySatisfy(p -> {
                    assertThat(p.path("id").asText()).isEqualTo("elevenlabs");
                    assertThat(p.path("simulated").asBoolean()).isTrue();
                });

                var token = json.readTree(post(base + "/api/v1/auth/register", null,
                        "{\"email\":\"sim@example.com\",\"password\":\"a-long-password-42\",\"delivery\":\"body\"}"))
                        .path("access_token").asText();
                post(base + "/api/v1/consent", token, "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}");
                var created = json.readTree(post(base + "/api/v1/sessions", token, "{\"provider\":\"elevenlabs\"}"));
                assertThat(created.path("connect").path("type").asText()).isEqualTo("signed_url");
                assertThat(created.path("connect").path("url").asText()).startsWith("ws://127.0.0.1:")
                        .contains("agent_id=agent_simulated");
            }
        }
    }

    @Test
    void the_relay_mode_talks_to_the_built_in_fake_with_simulate() throws Exception {
        try (var voicegate = Voicegate.start(LauncherIT.config(dir, Map.of("VOICEGATE_SIMULATE", "true")))) {
            var base = "http://127.0.0.1:" + voicegate.port();
            var token = json.readTree(post(base + "/api/v1/auth/register", null,
                    "{\"email\":\"relay@example.com\",\"password\":\"a-long-password-42\",\"delivery\":\"body\"}"))
                    .path("access_token").asText();
            post(base + "/api/v1/consent", token, "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}");
            var created = json.readTree(post(base + "/api/v1/sessions", token, "{\"provider\":\"elevenlabs\",\"mode\":\"relay\"}"));
            var url = created.path("connect").path("url").asText();
            assertThat(url).startsWith("ws://127.0.0.1:" + voicegate.port() + "/api/v1/elevenlabs/conversation?session_id=");

            var client = JdkRealtimeClient.connect(URI.create(url), token);
            for (int i = 0; i < 3; i++) client.send("{\"user_audio_chunk\":\"AAAA\"}");
            client.await("conversation_initiation_metadata");
            assertThat(client.await("agent_response").at("/agent_response_event/agent_response").asText()).isNotBlank();
            client.close();
        }
    }

    private String get(String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String url, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
