package io.voicegate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The product as the relay benchmark's gateway: {@code launcher/target/voicegate.jar} as its own process, configured
 * only through its environment (embedded H2 in a fresh data directory, the fake as OpenAI, limits raised so that one
 * user may open every session of the run), with one registered user who consents to voice processing. Every
 * relayed session is authenticated, admitted, recorded and ended as in production.
 */
final class LauncherGateway {

    static final Path JAR = Path.of("launcher/target/voicegate.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LauncherGateway() {
    }

    /** A started gateway process and the bearer token of its user. */
    record Started(Process process, int port, String token) {
    }

    static Started start(List<String> command, String openAiBaseUrl, String apiKey, boolean virtualThreads)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: mvn -B -q -pl launcher,bench -am package -DskipTests");
        }
        int port = freePort();
        var dataDir = Files.createTempDirectory("voicegate-bench-");
        var full = new java.util.ArrayList<>(command);
        full.addAll(List.of("-jar", JAR.toString()));
        var builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gateway.log").toFile());
        builder.environment().putAll(Map.ofEntries(
                Map.entry("HOST", "127.0.0.1"),
                Map.entry("PORT", Integer.toString(port)),
                Map.entry("DATA_DIR", dataDir.toString()),
                Map.entry("LOG_LEVEL", "WARN"),
                Map.entry("OPENAI_API_KEY", apiKey),
                Map.entry("OPENAI_BASE_URL", openAiBaseUrl),
                Map.entry("OPENAI_REALTIME_MODELS", RelayGatewayFixture.MODEL),
                Map.entry("RATE_LIMIT_SESSIONS_PER_MINUTE", "1000000"),
                Map.entry("RATE_LIMIT_USER_SESSIONS_PER_MINUTE", "1000000"),
                Map.entry("QUOTA_CONCURRENT_SESSIONS", "1000"),
                Map.entry("VIRTUAL_THREADS", Boolean.toString(virtualThreads))));
        var process = builder.start();
        try {
            var http = HttpClient.newHttpClient();
            var base = "http://127.0.0.1:" + port;
            awaitHealthy(http, base, process, dataDir);
            var token = consentingUser(http, base);
            return new Started(process, port, token);
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static void awaitHealthy(HttpClient http, String base, Process process, Path dataDir)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited; see " + dataDir.resolve("gateway.log"));
            }
            try {
                var health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) return;
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not answer /health within 60 s");
    }

    private static String consentingUser(HttpClient http, String base) throws IOException, InterruptedException {
        var registered = post(http, base + "/api/v1/auth/register", null, "{\"email\":\"bench@example.com\","
                + "\"password\":\"a-long-benchmark-password\",\"delivery\":\"body\",\"display_name\":\"Bench\"}");
        var token = JSON.readTree(registered).path("access_token").asText();
        post(http, base + "/api/v1/consent", token, "{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}");
        return token;
    }

    private static String post(HttpClient http, String url, String token, String body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
