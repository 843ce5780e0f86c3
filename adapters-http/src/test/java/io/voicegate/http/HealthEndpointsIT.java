package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEndpointsIT {

    @Test
    void ready_follows_the_database_and_lists_providers_without_keys() throws Exception {
        var problem = new AtomicReference<Optional<String>>(Optional.empty());
        var check = new ReadinessCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public Optional<String> problem() {
                return problem.get();
            }
        };
        var health = new HealthEndpoints(List.of(check),
                () -> List.of(new ProviderStatus("openai", true, false), new ProviderStatus("elevenlabs", false, false)));
        var api = HttpApi.create(HttpSettings.defaults(), List.of(health), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(1));
        try {
            var client = HttpClient.newHttpClient();
            var json = new ObjectMapper();
            var ready = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            var body = json.readTree(ready.body());
            assertThat(body.at("/providers/0/id").asText()).isEqualTo("openai");
            assertThat(body.at("/providers/0/configured").asBoolean()).isTrue();
            assertThat(body.at("/providers/1/configured").asBoolean()).isFalse();

            problem.set(Optional.of("database unavailable (SQL state 08001)"));
            var notReady = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(json.readTree(notReady.body()).at("/checks/database/reason").asText()).contains("08001");

            var health200 = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health200.statusCode()).isEqualTo(200);
            assertThat(health200.body()).isEqualTo("{\"status\":\"ok\"}");
        } finally {
            api.stop("done");
        }
    }
}
