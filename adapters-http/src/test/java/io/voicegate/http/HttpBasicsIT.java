package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.voicegate.core.VoicegateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every route shares, over a real server on a random port. */
class HttpBasicsIT {

    record Greeting(String name, int times, Optional<Boolean> loud) {
    }

    static final class Refused extends VoicegateException {
        Refused() {
            super("Slow down.");
        }

        @Override
        public String code() {
            return "rate_limited";
        }

        @Override
        public Kind kind() {
            return Kind.RATE_LIMITED;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(Duration.ofMillis(1500));
        }
    }

    static final class TestRoutes implements Endpoints {
        private final RequestBodies bodies = new RequestBodies(Json.mapper());
        private final ProblemJson problems = new ProblemJson(Json.mapper());

        @Override
        public void addTo(RoutesConfig routes) {
            routes.post("/api/v1/greetings", ctx -> {
                var greeting = bodies.read(ctx, Greeting.class);
                ctx.status(201).json(Map.of("hello", greeting.name(), "times", greeting.times()));
            });
            routes.get("/api/v1/explode", ctx -> {
                throw new IllegalStateException("secret sk-live-123 in SELECT * FROM users");
            });
            routes.get("/api/v1/refuse", ctx -> {
                throw new Refused();
            });
            routes.get("/openai/v1/refuse", ctx -> {
                throw new Refused();
            });
            routes.wsBeforeUpgrade("/test/socket", ctx -> RelaySocket.refuse(ctx, problems, new Refused()));
            routes.ws("/test/socket", ws -> ws.onConnect(ctx -> ctx.closeSession()));
            routes.ws("/test/open", ws -> ws.onConnect(ctx -> ctx.closeSession()));
        }

        @Override
        public List<String> openApiFragments() {
            return List.of("/io/voicegate/http/test-openapi.json");
        }
    }

    static HttpApi api;
    static final HttpClient client = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        api = HttpApi.create(new HttpSettings(1024, ""), List.of(new TestRoutes()), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        api.stop("test over");
    }

    @Test
    void unknown_route_is_a_problem_404_with_request_id() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/v1/nothing-here")).GET());
        assertProblem(response, 404, "not_found");
        var body = json.readTree(response.body());
        assertThat(body.get("request_id").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/nothing-here");
    }

    @Test
    void wrong_method_is_a_problem_405() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/v1/greetings")).GET());
        assertProblem(response, 405, "method_not_allowed");
    }

    @Test
    void body_over_the_limit_is_a_problem_413() throws Exception {
        var big = "{\"name\":\"" + "x".repeat(2000) + "\",\"times\":1}";
        var response = send(post("/api/v1/greetings", big));
        assertProblem(response, 413, "payload_too_large");
    }

    @Test
    void malformed_json_is_a_400_that_says_where() throws Exception {
        var response = send(post("/api/v1/greetings", "{\n  \"name\": \"ada\",\n  \"times\": }"));
        assertProblem(response, 400, "invalid_json");
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("line 3, column");
    }

    @Test
    void wrong_field_type_is_a_400_naming_the_field() throws Exception {
        var response = send(post("/api/v1/greetings", "{\"name\":\"ada\",\"times\":\"twice\"}"));
        assertProblem(response, 400, "invalid_field");
        var body = json.readTree(response.body());
        assertThat(body.get("pointer").asText()).isEqualTo("/times");
        assertThat(body.get("detail").asText()).contains("/times");
    }

    @Test
    void a_valid_body_reaches_the_handler() throws Exception {
        var response = send(post("/api/v1/greetings", "{\"name\":\"ada\",\"times\":2,\"ignored\":true}"));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json.readTree(response.body()).get("hello").asText()).isEqualTo("ada");
    }

    @Test
    void an_unexpected_failure_is_a_generic_500_without_internals() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/v1/explode")).GET());
        assertProblem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("sk-live", "SELECT", "IllegalStateException", "at io.");
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("err_");
    }

    @Test
    void a_refusal_with_a_wait_sends_retry_after_in_whole_seconds() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/v1/refuse")).GET());
        assertProblem(response, 429, "rate_limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void the_openai_surface_answers_in_openai_error_shape() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/openai/v1/refuse")).GET());
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = json.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limited");
        assertThat(error.get("message").asText()).isEqualTo("Slow down.");
        assertThat(error.has("type")).isTrue();
        assertThat(error.has("param")).isTrue();
    }

    @Test
    void a_valid_client_request_id_is_echoed_and_an_invalid_one_replaced() throws Exception {
        var kept = send(HttpRequest.newBuilder(uri("/health")).header("X-Request-Id", "abc.DEF_123-x").GET());
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("abc.DEF_123-x");

        var replaced = send(HttpRequest.newBuilder(uri("/health")).header("X-Request-Id", "has spaces/and slashes").GET());
        assertThat(replaced.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                assertThat(id).matches("[A-Za-z0-9._-]{1,128}").isNotEqualTo("has spaces/and slashes"));

        var tooLong = send(HttpRequest.newBuilder(uri("/health")).header("X-Request-Id", "a".repeat(129)).GET());
        assertThat(tooLong.headers().firstValue("X-Request-Id").orElseThrow()).hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void every_response_carries_the_security_headers() throws Exception {
        for (var path : List.of("/health", "/api/v1/nothing-here", "/docs")) {
            var response = send(HttpRequest.newBuilder(uri(path)).GET());
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as("no HSTS without an https PUBLIC_URL").isEmpty();
        }
    }

    @Test
    void a_refused_websocket_upgrade_carries_the_request_id_and_the_security_headers() throws Exception {
        var refused = new java.util.concurrent.atomic.AtomicReference<HttpResponse<?>>();
        try {
            client.newWebSocketBuilder().header("X-Request-Id", "ws-upgrade-1")
                    .buildAsync(URI.create("ws://127.0.0.1:" + api.port() + "/test/socket"), new java.net.http.WebSocket.Listener() {
                    }).join();
        } catch (java.util.concurrent.CompletionException e) {
            refused.set(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse());
        }
        var response = refused.get();
        assertThat(response).as("the upgrade is refused").isNotNull();
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("ws-upgrade-1");
        assertThat(json.readTree(String.valueOf(response.body())).path("request_id").asText()).isEqualTo("ws-upgrade-1");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(response.headers().allValues("Set-Cookie")).as("an upgrade sets no servlet session cookie").isEmpty();
    }

    @Test
    void an_accepted_websocket_upgrade_sets_no_cookie() throws Exception {
        try (var raw = new java.net.Socket("127.0.0.1", api.port())) {
            raw.getOutputStream().write(("GET /test/open HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var head = new StringBuilder();
            var in = raw.getInputStream();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) break;
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Set-Cookie")
                    .containsIgnoringCase("X-Request-Id");
        }
    }

    @Test
    void openapi_documents_the_groups_routes_and_docs_renders_it() throws Exception {
        var spec = json.readTree(send(HttpRequest.newBuilder(uri("/openapi.json")).GET()).body());
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.at("/paths/~1api~1v1~1greetings/post/summary").asText()).isNotEmpty();
        var docs = send(HttpRequest.newBuilder(uri("/docs")).GET());
        assertThat(docs.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(docs.body()).contains("/openapi.json");
    }

    @Test
    void undocumented_api_routes_are_detected() {
        assertThat(OpenApiCoverage.undocumented(api.routes(), api.openApi()))
                .containsExactlyInAnyOrder("GET /api/v1/explode", "GET /api/v1/refuse");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        var body = json.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo(type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    private static HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
