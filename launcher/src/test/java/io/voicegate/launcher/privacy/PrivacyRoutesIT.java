package io.voicegate.launcher.privacy;

import io.voicegate.launcher.Voicegate;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server comes up with the consent and privacy routes wired and documented, and its audit key kept. */
class PrivacyRoutesIT {

    @TempDir
    Path dataDir;

    @Test
    void the_privacy_routes_are_served_documented_and_need_a_credential() throws Exception {
        var config = LauncherConfig.from(new Env(Map.of("HOST", "127.0.0.1", "PORT", "0", "DATA_DIR", dataDir.toString())));
        try (var voicegate = Voicegate.start(config)) {
            var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var base = "http://127.0.0.1:" + voicegate.port();
            var consent = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/consent")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(consent.statusCode()).isEqualTo(401);
            assertThat(consent.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            var openApi = client.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(openApi).contains("/api/v1/consent", "/api/v1/me/audit", "/api/v1/me/export", "\"/api/v1/me\"");
            assertThat(dataDir.resolve("keys").resolve(AuditKeys.FILE)).exists();
        }
    }
}
