package io.voicegate.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole server, wired as in production, over HTTP and HTTPS on random loopback ports. */
class IdentityIT {

    static final String ORIGIN = "https://app.example";
    static final String PASSWORD = "a-long-password-42";
    static final String SUPABASE = "https://abcdefgh.supabase.co/auth/v1";
    static final String SUPABASE_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

    @TempDir
    Path dataDir;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> responses = new ArrayList<>();
    private Voicegate voicegate;
    private HttpClient http;
    private HttpClient https;

    @BeforeEach
    void start() throws Exception {
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.voicegate")).setLevel(Level.DEBUG);
        voicegate = Voicegate.start(config(Map.of()));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(dataDir.resolve("tls/cert.pem"))).build();
    }

    @AfterEach
    void stop() {
        if (voicegate != null) voicegate.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.voicegate")).setLevel(Level.INFO);
    }

    private LauncherConfig config(Map<String, String> extra) {
        var env = new HashMap<String, String>(Map.of("HOST", "127.0.0.1", "PORT", "0", "TLS_PORT", "0",
                "TLS_SELF_SIGNED", "true", "DATA_DIR", dataDir.toString(), "CORS_ORIGINS", ORIGIN));
        env.putAll(extra);
        return LauncherConfig.from(new Env(env));
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("voicegate", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        var context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    record Reply(int status, Map<String, List<String>> headers, JsonNode json, String body) {
        Map<String, String> cookies() {
            var cookies = new LinkedHashMap<String, String>();
            for (var line : headers.getOrDefault("set-cookie", List.of())) {
                var pair = line.split(";", 2)[0].split("=", 2);
                cookies.put(pair[0], pair[1]);
            }
            return cookies;
        }
    }

    private Reply send(boolean secure, String method, String path, String body, String... headers) throws Exception {
        var base = secure ? "https://localhost:" + voicegate.tlsPort().orElseThrow() : "http://127.0.0.1:" + voicegate.port();
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        var response = (secure ? https : http).send(request.build(), HttpResponse.BodyHandlers.ofString());
        var lower = new LinkedHashMap<String, List<String>>();
        response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(), v));
        if (response.statusCode() >= 400) responses.add(response.body() + lower);
        var json = response.body().isEmpty() ? null : mapper.readTree(response.body());
        return new Reply(response.statusCode(), lower, json, response.body());
    }

    private static String cookieHeader(Map<String, String> cookies) {
        return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @ParameterizedTest(name = "https={0}")
    @ValueSource(booleans = {false, true})
    void register_me_refresh_logout_with_cookies(boolean secure) throws Exception {
        var registered = send(secure, "POST", "/api/v1/auth/register",
                "{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\",\"display_name\":\"Ada\"}", "Origin", ORIGIN);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.headers().get("set-cookie")).anySatisfy(c ->
                assertThat(c).startsWith("auth_token=").contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/"));
        var cookies = registered.cookies();

        var me = send(secure, "GET", "/api/v1/auth/me", null, "Cookie", cookieHeader(cookies));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asText()).isEqualTo("ada@example.com");

        var refreshed = send(secure, "POST", "/api/v1/auth/refresh", null, "Cookie", cookieHeader(cookies), "Origin", ORIGIN);
        assertThat(refreshed.status()).isEqualTo(200);
        var reused = send(secure, "POST", "/api/v1/auth/refresh", null, "Cookie", cookieHeader(cookies), "Origin", ORIGIN);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.headers().get("content-type").get(0)).startsWith("application/problem+json");

        var relogin = send(secure, "POST", "/api/v1/auth/login",
                "{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\"}", "Origin", ORIGIN);
        assertThat(relogin.status()).isEqualTo(200);
        var loggedOut = send(secure, "POST", "/api/v1/auth/logout", null, "Cookie", cookieHeader(relogin.cookies()), "Origin", ORIGIN);
        assertThat(loggedOut.status()).isEqualTo(204);
        assertThat(send(secure, "POST", "/api/v1/auth/refresh", null, "Cookie", cookieHeader(relogin.cookies()), "Origin", ORIGIN).status())
                .isEqualTo(401);
    }

    @ParameterizedTest(name = "https={0}")
    @ValueSource(booleans = {false, true})
    void register_me_refresh_logout_with_bearer(boolean secure) throws Exception {
        var registered = send(secure, "POST", "/api/v1/auth/register",
                "{\"email\":\"bob@example.com\",\"password\":\"" + PASSWORD + "\",\"delivery\":\"body\"}");
        assertThat(registered.status()).isEqualTo(201);
        var access = registered.json().path("access_token").asText();
        var refresh = registered.json().path("refresh_token").asText();
        assertThat(access.split("\\.")).hasSize(3);
        assertThat(registered.json().path("expires_in").asLong()).isBetween(890L, 900L);

        assertThat(send(secure, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + access).status()).isEqualTo(200);
        var refreshed = send(secure, "POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        var newAccess = refreshed.json().path("access_token").asText();
        assertThat(send(secure, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + newAccess).status()).isEqualTo(200);
        assertThat(send(secure, "POST", "/api/v1/auth/logout", "{\"refresh_token\":\"" + refreshed.json().path("refresh_token").asText() + "\"}").status())
                .isEqualTo(204);
        assertThat(send(secure, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + refresh).status())
                .as("a refresh token is not an access token").isEqualTo(401);
    }

    @Test
    void the_jwks_publishes_the_generated_key_which_is_owner_only_and_reused_after_a_restart() throws Exception {
        var registered = send(false, "POST", "/api/v1/auth/register",
                "{\"email\":\"carol@example.com\",\"password\":\"" + PASSWORD + "\",\"delivery\":\"body\"}");
        var access = registered.json().path("access_token").asText();
        var jwks = send(false, "GET", "/.well-known/jwks.json", null).json();
        assertThat(jwks.path("keys").get(0).path("kty").asText()).isEqualTo("OKP");
        assertThat(jwks.path("keys").get(0).path("crv").asText()).isEqualTo("Ed25519");
        assertThat(jwks.path("keys").get(0).has("d")).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("keys")))).isEqualTo("rwx------");

        voicegate.close();
        voicegate = Voicegate.start(config(Map.of()));
        assertThat(send(false, "GET", "/.well-known/jwks.json", null).json()).isEqualTo(jwks);
        assertThat(send(false, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + access).status()).isEqualTo(200);
    }

    @Test
    void five_failed_logins_lock_the_account_with_429_and_retry_after() throws Exception {
        send(false, "POST", "/api/v1/auth/register", "{\"email\":\"frank@example.com\",\"password\":\"" + PASSWORD + "\"}");
        for (int i = 0; i < 5; i++) {
            assertThat(send(false, "POST", "/api/v1/auth/login",
                    "{\"email\":\"frank@example.com\",\"password\":\"wrong-password-" + i + "\"}").status()).isEqualTo(401);
        }
        var locked = send(false, "POST", "/api/v1/auth/login", "{\"email\":\"frank@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.headers().get("retry-after").get(0))).isBetween(850L, 900L);
        assertThat(locked.headers().get("content-type").get(0)).startsWith("application/problem+json");
    }

    @Test
    void erasure_needs_the_password_and_leaves_the_old_tokens_worthless() throws Exception {
        var registered = send(false, "POST", "/api/v1/auth/register",
                "{\"email\":\"gina@example.com\",\"password\":\"" + PASSWORD + "\",\"delivery\":\"body\"}").json();
        var bearer = "Bearer " + registered.path("access_token").asText();
        var refresh = registered.path("refresh_token").asText();

        var export = send(false, "GET", "/api/v1/me/export", null, "Authorization", bearer);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains("sessions_signed_in", "sign_in", "gina@example.com").doesNotContain(refresh)
                .doesNotContain("argon2id");

        assertThat(send(false, "DELETE", "/api/v1/me", null, "Authorization", bearer).status()).isEqualTo(401);
        assertThat(send(false, "DELETE", "/api/v1/me", "{\"password\":\"wrong-password-1\"}", "Authorization", bearer).status())
                .isEqualTo(401);
        assertThat(send(false, "DELETE", "/api/v1/me", "{\"password\":\"" + PASSWORD + "\"}", "Authorization", bearer).status())
                .isEqualTo(204);

        assertThat(send(false, "GET", "/api/v1/auth/me", null, "Authorization", bearer).status())
                .as("the token of a deleted user").isEqualTo(401);
        assertThat(send(false, "POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}").status()).isEqualTo(401);
        assertThat(send(false, "POST", "/api/v1/auth/login",
                "{\"email\":\"gina@example.com\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(401);
    }

    @Test
    void an_unlisted_origin_cannot_open_a_session() throws Exception {
        var reply = send(false, "POST", "/api/v1/auth/login",
                "{\"email\":\"x@example.com\",\"password\":\"" + PASSWORD + "\"}", "Origin", "https://evil.example");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().path("detail").asText()).isEqualTo("Origin not allowed");
    }

    @Test
    void a_supabase_user_signs_in_with_its_own_token_and_the_anon_key_does_not() throws Exception {
        voicegate.close();
        voicegate = Voicegate.start(config(Map.of("AUTH_EXTERNAL_ISSUER", SUPABASE, "AUTH_EXTERNAL_HS256_SECRET", SUPABASE_SECRET)));
        var now = Instant.now();
        var user = JWT.create().withIssuer(SUPABASE).withAudience("authenticated").withSubject("8d5b1a52-0000-4000-8000-00000000000a")
                .withClaim("role", "authenticated").withIssuedAt(now).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC256(SUPABASE_SECRET));
        var anon = JWT.create().withIssuer(SUPABASE).withClaim("role", "anon").withIssuedAt(now).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC256(SUPABASE_SECRET));

        var first = send(false, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + user);
        assertThat(first.status()).isEqualTo(200);
        assertThat(send(false, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + user).json().path("user").path("id"))
                .isEqualTo(first.json().path("user").path("id"));
        assertThat(send(false, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + anon).status()).isEqualTo(401);
    }

    @Test
    void no_password_token_or_secret_appears_in_any_error_response_or_log_line() throws Exception {
        var registered = send(false, "POST", "/api/v1/auth/register",
                "{\"email\":\"dan@example.com\",\"password\":\"" + PASSWORD + "\",\"delivery\":\"body\"}");
        var access = registered.json().path("access_token").asText();
        var refresh = registered.json().path("refresh_token").asText();
        var tampered = access.substring(0, access.length() - 4) + "AAAA";

        send(false, "POST", "/api/v1/auth/login", "{\"email\":\"dan@example.com\",\"password\":\"wrong-" + PASSWORD + "\"}");
        send(false, "POST", "/api/v1/auth/register", "{\"email\":\"dan@example.com\",\"password\":\"" + PASSWORD + "\"}");
        send(false, "POST", "/api/v1/auth/register", "{\"email\":\"eve@example.com\",\"password\":\"short\"}");
        send(false, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + tampered);
        send(false, "GET", "/api/v1/auth/me", null, "Authorization", "Bearer " + refresh);
        send(false, "POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "x\"}");
        send(false, "POST", "/api/v1/auth/login", "{\"email\":\"dan@example.com\",\"password\":" + "[1,2]}");
        Path keyFile;
        try (var files = Files.list(dataDir.resolve("keys"))) {
            keyFile = files.filter(f -> f.getFileName().toString().endsWith(".ed25519.key")).findFirst().orElseThrow();
        }
        var privateKey = Files.readAllLines(keyFile, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("private=")).findFirst().orElseThrow().substring("private=".length());

        assertThat(responses).hasSizeGreaterThanOrEqualTo(6);
        var logLines = logs.list.stream().map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy()).toList();
        assertThat(logLines).isNotEmpty();
        for (var secret : List.of(PASSWORD, "short", access, tampered, refresh, privateKey)) {
            assertThat(responses).noneMatch(r -> r.contains(secret));
            assertThat(logLines).noneMatch(l -> l.contains(secret));
        }
        assertThat(responses).noneMatch(r -> r.contains("Exception") || r.contains("at io.voicegate"));
    }
}
