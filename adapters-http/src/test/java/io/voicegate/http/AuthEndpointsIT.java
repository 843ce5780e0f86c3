package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicegate.core.limits.RateLimit;
import io.voicegate.testkit.IdentityFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The auth routes over a real server on a random loopback port, with the real use cases over in-memory fakes. */
class AuthEndpointsIT {

    static final String ALLOWED = "https://app.example";

    private final IdentityFixture f = new IdentityFixture();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpApi api;
    private String base;

    @BeforeEach
    void start() {
        var origins = new OriginPolicy(List.of(ALLOWED));
        var limits = new Guards.Limits(new RateLimit(5, Duration.ofMinutes(1)), RateLimit.perMinute(10), RateLimit.perMinute(2));
        var guards = new Guards(origins, new CaffeineRateLimiter(f.clock, Duration.ofMinutes(15), 1000),
                ClientAddresses.direct(), limits);
        var cookies = new AuthCookies("auth_token", "refresh_token", java.util.Optional.empty(), "/", false, "Lax");
        var authenticator = new Authenticator(f.verifier, "auth_token", origins);
        var auth = new AuthEndpoints(new AuthEndpoints.UseCases(f.register, f.logIn, f.refresh, f.logOut, f.currentUser),
                authenticator, cookies, guards, () -> "{\"keys\":[]}", f.clock);
        Endpoints stateChange = routes -> routes.post("/api/v1/test/change", ctx -> {
            authenticator.require(ctx);
            ctx.status(204);
        });
        Endpoints minting = routes -> {
            routes.post("/api/v1/test/mint", ctx -> {
                guards.credentialMinting(ctx, authenticator.require(ctx));
                ctx.status(201);
            });
            routes.wsBeforeUpgrade("/test/ws", origins::requireAllowedOrigin);
            routes.ws("/test/ws", ws -> ws.onConnect(connected -> connected.closeSession(1000, "bye")));
        };
        api = HttpApi.create(HttpSettings.defaults(), List.of(new CorsFilter(origins), auth, stateChange, minting), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(1));
        base = "http://127.0.0.1:" + api.port();
    }

    @AfterEach
    void stop() {
        api.stop("test over");
    }

    record Reply(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }

        Map<String, String> cookies() {
            var cookies = new LinkedHashMap<String, String>();
            for (var line : headers.getOrDefault("set-cookie", List.of())) {
                var pair = line.split(";", 2)[0].split("=", 2);
                cookies.put(pair[0], pair[1]);
            }
            return cookies;
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of()).stream().findFirst().orElse(null);
        }
    }

    Reply send(String method, String path, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        var response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        var lower = new LinkedHashMap<String, List<String>>();
        response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(), v));
        return new Reply(response.statusCode(), lower, response.body());
    }

    static String cookieHeader(Map<String, String> cookies) {
        return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Test
    void register_me_refresh_logout_with_cookies() throws Exception {
        var registered = send("POST", "/api/v1/auth/register",
                "{\"email\":\"ada@example.com\",\"password\":\"0123456789\",\"display_name\":\"Ada\"}");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().path("user").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(registered.json().has("access_token")).as("browsers get tokens only as cookies").isFalse();
        assertThat(registered.headers().get("set-cookie")).anySatisfy(c -> assertThat(c).startsWith("auth_token=")
                .contains("HttpOnly").contains("SameSite=Lax").contains("Path=/"));
        var cookies = registered.cookies();

        var me = send("GET", "/api/v1/auth/me", null, "Cookie", cookieHeader(cookies));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("display_name").asText()).isEqualTo("Ada");
        assertThat(f.auditLog.events()).as("reading the profile is audited").last()
                .satisfies(e -> assertThat(e.action()).isEqualTo("user.read"));

        var refreshed = send("POST", "/api/v1/auth/refresh", null, "Cookie", cookieHeader(cookies), "Origin", ALLOWED);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.cookies().get("refresh_token")).isNotEqualTo(cookies.get("refresh_token"));
        assertThat(refreshed.json().has("refresh_token")).isFalse();

        var loggedOut = send("POST", "/api/v1/auth/logout", null, "Cookie", cookieHeader(refreshed.cookies()), "Origin", ALLOWED);
        assertThat(loggedOut.status()).isEqualTo(204);
        assertThat(loggedOut.cookies()).containsEntry("auth_token", "").containsEntry("refresh_token", "");
        var after = send("POST", "/api/v1/auth/refresh", null, "Cookie", cookieHeader(refreshed.cookies()), "Origin", ALLOWED);
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void register_me_refresh_logout_with_bearer_and_body_delivery() throws Exception {
        var registered = send("POST", "/api/v1/auth/register",
                "{\"email\":\"bob@example.com\",\"password\":\"0123456789\",\"delivery\":\"body\"}");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.headers()).doesNotContainKey("set-cookie");
        var json = registered.json();
        assertThat(json.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(json.path("expires_in").asLong()).isEqualTo(900);
        var access = json.path("access_token").asText();
        var refresh = json.path("refresh_token").asText();

        assertThat(send("GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + access).status()).isEqualTo(200);

        var refreshed = send("POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.headers()).doesNotContainKey("set-cookie");
        var newRefresh = refreshed.json().path("refresh_token").asText();
        assertThat(newRefresh).isNotEqualTo(refresh);

        var reused = send("POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.header("content-type")).startsWith("application/problem+json");
        assertThat(send("POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + newRefresh + "\"}").status())
                .as("reuse revoked the family").isEqualTo(401);

        assertThat(send("POST", "/api/v1/auth/logout", "{\"refresh_token\":\"" + newRefresh + "\"}").status()).isEqualTo(204);
    }

    @Test
    void the_token_of_a_deleted_user_is_refused() throws Exception {
        var registered = send("POST", "/api/v1/auth/register",
                "{\"email\":\"del@example.com\",\"password\":\"0123456789\",\"delivery\":\"body\"}").json();
        var access = registered.path("access_token").asText();
        f.users.delete(new io.voicegate.core.identity.UserId(java.util.UUID.fromString(registered.path("user").path("id").asText())));
        var me = send("GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + access);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void login_answers_the_same_for_unknown_email_and_wrong_password() throws Exception {
        send("POST", "/api/v1/auth/register", "{\"email\":\"c@example.com\",\"password\":\"0123456789\"}");
        var wrong = send("POST", "/api/v1/auth/login", "{\"email\":\"c@example.com\",\"password\":\"nope-nope-nope\"}");
        var unknown = send("POST", "/api/v1/auth/login", "{\"email\":\"x@example.com\",\"password\":\"nope-nope-nope\"}");
        assertThat(wrong.status()).isEqualTo(401).isEqualTo(unknown.status());
        assertThat(wrong.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        assertThat(wrong.json().path("type")).isEqualTo(unknown.json().path("type"));
    }

    @Test
    void a_short_password_is_a_400_naming_the_field() throws Exception {
        var reply = send("POST", "/api/v1/auth/register", "{\"email\":\"d@example.com\",\"password\":\"short\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("pointer").asText()).isEqualTo("/password");
    }

    @Test
    void a_missing_email_is_a_400_naming_the_field() throws Exception {
        var reply = send("POST", "/api/v1/auth/login", "{\"password\":\"0123456789\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("pointer").asText()).isEqualTo("/email");
    }

    @Test
    void the_auth_limit_per_address_answers_429_with_retry_after() throws Exception {
        for (int i = 0; i < 5; i++) send("POST", "/api/v1/auth/login", "{\"email\":\"e@example.com\",\"password\":\"0123456789\"}");
        var limited = send("POST", "/api/v1/auth/login", "{\"email\":\"e@example.com\",\"password\":\"0123456789\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("60");
        assertThat(limited.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void a_listed_origin_gets_cors_headers_with_credentials_and_a_preflight_answer() throws Exception {
        var preflight = send("OPTIONS", "/api/v1/auth/login", null, "Origin", ALLOWED,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo(ALLOWED);
        assertThat(preflight.header("access-control-allow-credentials")).isEqualTo("true");
        assertThat(preflight.header("access-control-allow-headers")).isEqualTo("content-type");

        var login = send("POST", "/api/v1/auth/login", "{\"email\":\"f@example.com\",\"password\":\"0123456789\"}", "Origin", ALLOWED);
        assertThat(login.header("access-control-allow-origin")).isEqualTo(ALLOWED);
        assertThat(login.header("vary")).contains("Origin");
    }

    @Test
    void an_unlisted_origin_is_refused_on_session_opening_routes_and_preflights() throws Exception {
        var login = send("POST", "/api/v1/auth/register", "{\"email\":\"g@example.com\",\"password\":\"0123456789\"}",
                "Origin", "https://evil.example");
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.json().path("detail").asText()).isEqualTo("Origin not allowed");
        assertThat(login.header("access-control-allow-origin")).isNull();
        assertThat(f.users.findByEmail(io.voicegate.core.identity.Email.of("g@example.com"))).as("handler never ran").isEmpty();

        var preflight = send("OPTIONS", "/api/v1/auth/login", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).isEqualTo(403);
    }

    @Test
    void a_cookie_only_state_change_needs_an_allowed_origin_or_the_csrf_token() throws Exception {
        var cookies = send("POST", "/api/v1/auth/register", "{\"email\":\"h@example.com\",\"password\":\"0123456789\"}").cookies();
        var cookie = cookieHeader(cookies);

        assertThat(send("POST", "/api/v1/test/change", null, "Cookie", cookie).status()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/test/change", null, "Cookie", cookie, "Origin", "https://evil.example").status()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/test/change", null, "Cookie", cookie, "Origin", ALLOWED).status()).isEqualTo(204);
        assertThat(send("POST", "/api/v1/test/change", null, "Cookie", cookie, "Referer", ALLOWED + "/page").status()).isEqualTo(204);
        assertThat(send("POST", "/api/v1/test/change", null, "Cookie", cookie,
                "X-CSRF-Token", cookies.get("csrf_token")).status()).isEqualTo(204);
        assertThat(send("POST", "/api/v1/test/change", null, "Cookie", cookie, "X-CSRF-Token", "guess").status()).isEqualTo(403);
    }

    @Test
    void a_bearer_state_change_needs_no_csrf_check() throws Exception {
        var access = send("POST", "/api/v1/auth/register",
                "{\"email\":\"i@example.com\",\"password\":\"0123456789\",\"delivery\":\"body\"}").json().path("access_token").asText();
        assertThat(send("POST", "/api/v1/test/change", null, "Authorization", "Bearer " + access,
                "Origin", "https://evil.example").status()).isEqualTo(204);
    }

    @Test
    void x_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("POST", "/api/v1/auth/login", "{\"email\":\"j@example.com\",\"password\":\"0123456789\"}",
                    "X-Forwarded-For", "198.51.100." + i);
        }
        var limited = send("POST", "/api/v1/auth/login", "{\"email\":\"j@example.com\",\"password\":\"0123456789\"}",
                "X-Forwarded-For", "198.51.100.99");
        assertThat(limited.status()).isEqualTo(429);
    }

    @Test
    void credential_minting_is_limited_per_user_with_retry_after() throws Exception {
        var access = send("POST", "/api/v1/auth/register",
                "{\"email\":\"k@example.com\",\"password\":\"0123456789\",\"delivery\":\"body\"}").json().path("access_token").asText();
        assertThat(send("POST", "/api/v1/test/mint", null, "Authorization", "Bearer " + access).status()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/test/mint", null, "Authorization", "Bearer " + access).status()).isEqualTo(201);
        var limited = send("POST", "/api/v1/test/mint", null, "Authorization", "Bearer " + access);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("60");
        var evil = send("POST", "/api/v1/test/mint", null, "Authorization", "Bearer " + access, "Origin", "https://evil.example");
        assertThat(evil.status()).isEqualTo(403);
    }

    @Test
    void a_websocket_upgrade_from_an_unlisted_origin_is_refused_before_the_upgrade() throws Exception {
        var url = URI.create("ws://127.0.0.1:" + api.port() + "/test/ws");
        var listener = new java.net.http.WebSocket.Listener() {
        };
        var refused = client.newWebSocketBuilder().header("Origin", "https://evil.example").buildAsync(url, listener);
        assertThat(refused).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        var accepted = client.newWebSocketBuilder().header("Origin", ALLOWED).buildAsync(url, listener);
        assertThat(accepted).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void security_headers_stay_on_auth_responses() throws Exception {
        var reply = send("GET", "/api/v1/auth/me", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(reply.header("x-frame-options")).isEqualTo("DENY");
        assertThat(reply.header("referrer-policy")).isEqualTo("no-referrer");
    }

    @Test
    void every_auth_route_is_documented_in_openapi() throws Exception {
        var paths = send("GET", "/openapi.json", null).json().path("paths");
        for (var route : api.routes()) {
            var parts = route.split(" ", 2);
            if (!parts[1].startsWith("/api/v1/auth")) continue;
            assertThat(paths.path(parts[1]).has(parts[0].toLowerCase())).as(route).isTrue();
        }
        assertThat(paths.has("/api/v1/auth/refresh")).isTrue();
    }
}
