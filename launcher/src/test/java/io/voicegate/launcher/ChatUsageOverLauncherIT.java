package io.voicegate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.persistence.Database;
import io.voicegate.testkit.openai.FakeOpenAi;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token usage of {@code /openai/v1} chat completions as a user meets it in the whole server ({@link Voicegate#start}
 * on the embedded H2, OpenAI = the testkit fake): counted in {@code GET /api/v1/usage}, listed in the export, gone
 * after erasure, and deleted by the retention sweep once older than {@code RETENTION_SESSIONS_DAYS}.
 */
class ChatUsageOverLauncherIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a-long-password-42";

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private LauncherConfig config;
    private Voicegate voicegate;

    @AfterEach
    void stop() {
        if (voicegate != null) voicegate.close();
        fake.close();
    }

    private void start() {
        config = LauncherIT.config(dir, Map.of("OPENAI_API_KEY", fake.apiKey(), "OPENAI_BASE_URL", fake.baseUrl()));
        voicegate = Voicegate.start(config);
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + voicegate.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private String register(String email) throws Exception {
        return json(call("POST", "/api/v1/auth/register", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"delivery\":\"body\",\"display_name\":\"Ada\"}")).path("access_token").asText();
    }

    /** One chat completion, not streamed: the usage in its body. */
    private JsonNode chat(String token) throws Exception {
        return json(call("POST", "/openai/v1/chat/completions", token,
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).path("usage");
    }

    /** One streamed chat completion with include_usage: the usage of its last chunk. */
    private JsonNode streamedChat(String token) throws Exception {
        var response = call("POST", "/openai/v1/chat/completions", token, "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        var chunk = response.body().lines().filter(l -> l.startsWith("data: {") && l.contains("\"usage\":{")).findFirst().orElseThrow();
        return JSON.readTree(chunk.substring("data: ".length())).path("usage");
    }

    private JsonNode chatTotals(String token) throws Exception {
        return json(call("GET", "/api/v1/usage", token, null)).path("total").path("api").path("chat_completions");
    }

    /** Reads the database the stopped server used. */
    private <T> T database(Function<Jdbi, T> query) {
        try (var pool = Database.pool(config.database())) {
            return query.apply(Jdbi.create(pool));
        }
    }

    private int storedRows() {
        return database(jdbi -> jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM api_usage_records")
                .mapTo(Integer.class).one()));
    }

    @Test
    void the_usage_summary_and_the_export_show_chat_usage_and_erasure_removes_it() throws Exception {
        start();
        var token = register("ada@example.com");
        var other = register("grace@example.com");
        var plain = chat(token);
        var streamed = streamedChat(token);
        chat(other);
        var unasked = call("POST", "/openai/v1/chat/completions", token, "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"no usage asked for\"}]}");
        assertThat(unasked.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"usage\"");

        OpenAiRestRoutesIT.eventually(() -> {
            try {
                return chatTotals(token).path("requests").asLong() == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long prompt = plain.path("prompt_tokens").asLong() + streamed.path("prompt_tokens").asLong();
        long completion = plain.path("completion_tokens").asLong() + streamed.path("completion_tokens").asLong();
        var usage = json(call("GET", "/api/v1/usage", token, null));
        var openAi = usage.path("providers").get(0);
        assertThat(openAi.path("provider").asText()).isEqualTo("openai");
        assertThat(openAi.path("api").path("chat_completions").path("prompt_tokens").asLong()).isEqualTo(prompt).isEqualTo(9 + 13);
        assertThat(openAi.path("api").path("chat_completions").path("completion_tokens").asLong()).isEqualTo(completion);
        assertThat(openAi.path("api").path("chat_completions").path("total_tokens").asLong()).isEqualTo(prompt + completion);
        assertThat(usage.path("total").path("sessions").asInt()).isZero();

        var export = json(call("GET", "/api/v1/me/export", token, null));
        var rows = export.path("data").path("api_usage");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("user").asText()).isEqualTo(export.path("user_id").asText());
        assertThat(rows.get(0).path("endpoint").asText()).isEqualTo("chat_completions");
        assertThat(rows.get(0).path("provider").asText()).isEqualTo("openai");
        assertThat(rows.get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(rows.get(0).path("at").asText()).isNotEmpty();
        assertThat(List.of(rows.get(0).path("prompt_tokens").asLong(), rows.get(1).path("prompt_tokens").asLong()))
                .containsExactly(plain.path("prompt_tokens").asLong(), streamed.path("prompt_tokens").asLong());
        assertThat(rows.get(1).path("completion_tokens").asLong()).isEqualTo(streamed.path("completion_tokens").asLong());

        assertThat(call("DELETE", "/api/v1/me", token, "{\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(204);
        assertThat(chatTotals(other).path("requests").asLong()).as("someone else's usage stays").isEqualTo(1);
        voicegate.close();
        var userId = UUID.fromString(export.path("user_id").asText());
        int erasedUsersRows = database(jdbi -> jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM api_usage_records "
                + "WHERE user_id = :user").bind("user", userId).mapTo(Integer.class).one()));
        assertThat(erasedUsersRows).isZero();
        assertThat(storedRows()).isEqualTo(1);
    }

    @Test
    void the_retention_sweep_deletes_chat_usage_older_than_the_session_retention_period() throws Exception {
        start();
        var token = register("ada@example.com");
        chat(token);
        chat(token);
        OpenAiRestRoutesIT.eventually(() -> {
            try {
                return chatTotals(token).path("requests").asLong() == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        voicegate.close();
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        database(jdbi -> jdbi.withHandle(h -> {
            var oldest = h.createQuery("SELECT id FROM api_usage_records ORDER BY recorded_at, id")
                    .mapTo(UUID.class).first();
            return h.createUpdate("UPDATE api_usage_records SET recorded_at = :at WHERE id = :id")
                    .bind("at", now.minus(Duration.ofDays(91))).bind("id", oldest).execute();
        }));

        var swept = Voicegate.sweepOnce(config);

        assertThat(swept.removed()).containsEntry("api_usage", 1);
        assertThat(storedRows()).as("the row within RETENTION_SESSIONS_DAYS (90) stays").isEqualTo(1);
        assertThat(Voicegate.sweepOnce(config).removed()).containsEntry("api_usage", 0);
    }
}
