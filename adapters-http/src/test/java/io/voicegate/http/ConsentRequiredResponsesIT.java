package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.consent.ConsentRequired;
import io.voicegate.core.consent.Purpose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A missing consent, wherever session code raises it, answers 403 naming the purpose and version: problem+json of
 * type {@code consent_required} on Voicegate's API, an OpenAI-shaped permission error on {@code /openai/v1}.
 */
class ConsentRequiredResponsesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpApi api;

    @BeforeEach
    void start() {
        Endpoints minting = routes -> {
            routes.post("/api/v1/test-mint", ctx -> { throw new ConsentRequired(Purpose.VOICE_PROCESSING, 2); });
            routes.post("/openai/v1/test-mint", ctx -> { throw new ConsentRequired(Purpose.VOICE_PROCESSING, 2); });
        };
        api = HttpApi.create(HttpSettings.defaults(), List.of(minting), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        api.stop("test over");
    }

    private HttpResponse<String> post(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void voicegates_api_answers_a_problem_naming_purpose_and_version() throws Exception {
        var response = post("/api/v1/test-mint");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("consent_required");
        assertThat(problem.get("purpose").asText()).isEqualTo("voice_processing");
        assertThat(problem.get("required_version").asInt()).isEqualTo(2);
    }

    @Test
    void the_openai_surface_answers_an_openai_permission_error() throws Exception {
        var response = post("/openai/v1/test-mint");
        assertThat(response.statusCode()).isEqualTo(403);
        var error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("permission_error");
        assertThat(error.get("code").asText()).isEqualTo("consent_required");
        assertThat(error.get("message").asText()).contains("voice_processing", "version 2");
        assertThat(response.headers().firstValue("x-should-retry")).contains("false");
    }
}
