package io.voicegate.launcher.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.launcher.Voicegate;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.persistence.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's way through the wired server, on the embedded H2 and on PostgreSQL: consent granted, every step
 * (including a failed login and reading the trail) audited under their pseudonym, export, and erasure after which
 * neither their access token nor their refresh token works. (Consent at session creation: SessionsOverHttpIT.)
 */
class PrivacyFlowIT {

    private static final String EMAIL = "grace.hopper@example.org";
    private static final String PASSWORD = "a-long-password-42";

    @TempDir
    Path dataDir;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Voicegate voicegate;

    @AfterEach
    void stop() {
        if (voicegate != null) voicegate.close();
    }

    private LauncherConfig config(String database) {
        var env = new HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0", "DATA_DIR", dataDir.toString()));
        if (database.equals("postgres")) {
            var settings = TestDatabases.postgres();
            env.put("DATABASE_URL", settings.jdbcUrl() + "&user=" + settings.user());
        }
        return LauncherConfig.from(new Env(env));
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply send(String method, String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + voicegate.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", "Bearer " + token);
        var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : mapper.readTree(response.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void consent_gates_sessions_every_step_is_audited_and_erasure_ends_the_account(String database) throws Exception {
        voicegate = Voicegate.start(config(database));
        var registered = send("POST", "/api/v1/auth/register", null, "{\"email\":\"" + EMAIL + "\",\"password\":\""
                + PASSWORD + "\",\"display_name\":\"Grace\",\"delivery\":\"body\"}");
        assertThat(registered.status()).isEqualTo(201);
        var access = registered.json().path("access_token").asText();
        var refresh = registered.json().path("refresh_token").asText();

        assertThat(send("POST", "/api/v1/consent", access,
                "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}").status()).isBetween(200, 201);
        assertThat(send("POST", "/api/v1/auth/login", null, "{\"email\":\"" + EMAIL + "\",\"password\":\"wrong-password-1\"}")
                .status()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/auth/me", access, null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/consent", access, null).status()).isEqualTo(200);

        var export = send("GET", "/api/v1/me/export", access, null);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().toString()).contains(EMAIL, "voice_processing");
        var actions = new ArrayList<String>();
        send("GET", "/api/v1/me/audit?limit=100", access, null).json().path("events")
                .forEach(e -> actions.add(e.path("action").asText() + ":" + e.path("outcome").asText()));
        assertThat(actions).contains("auth.register:success", "consent.granted:success",
                "auth.login_failed:failure", "user.read:success", "consent.read:success", "user.exported:success");
        assertThat(send("GET", "/api/v1/me/audit?limit=100", access, null).json().path("events").findValuesAsText("action"))
                .as("reading the trail is audited too").contains("audit.read");

        assertThat(send("DELETE", "/api/v1/me", access, "{\"password\":\"not-my-password\"}").status()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/me", access, "{\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(204);

        assertThat(send("GET", "/api/v1/auth/me", access, null).status()).as("the access token is refused").isEqualTo(401);
        assertThat(send("POST", "/api/v1/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}").status())
                .as("the refresh token is gone").isEqualTo(401);
        assertThat(send("POST", "/api/v1/auth/login", null, "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}")
                .status()).isEqualTo(401);
    }
}
