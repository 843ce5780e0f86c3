package io.voicegate.launcher.config;

import io.voicegate.core.limits.RateLimit;
import io.voicegate.http.AuthCookies;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.Guards;
import io.voicegate.jwt.ExternalIssuer;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Who may call: token lifetimes and keys, cookies, an external identity provider, CORS, rate limits, proxies. */
public record AuthConfig(Duration accessTokenLifetime, Path keysDir, Duration keyRotation, String issuer, String audience,
                         Duration refreshTokenLifetime, AuthCookies cookies, Optional<ExternalIssuer> external,
                         List<String> corsOrigins, Guards.Limits limits, List<String> trustedProxies) {

    public static final Variable JWT_EXPIRATION_MINUTES = Variable.of("JWT_EXPIRATION_MINUTES", "15",
            "Lifetime of an access token, in minutes.", "15");
    public static final Variable JWT_KEYS_DIR = Variable.of("JWT_KEYS_DIR", "",
            "Directory of the Ed25519 signing keys (owner-only; generated on first start). Empty: DATA_DIR/keys.", "/var/lib/voicegate/keys");
    public static final Variable JWT_KEY_ROTATION_DAYS = Variable.of("JWT_KEY_ROTATION_DAYS", "90",
            "A start-up after the signing key reached this age makes a new one; the old one verifies until its tokens expire.", "90");
    public static final Variable JWT_ISSUER = Variable.of("JWT_ISSUER", "",
            "The iss of Voicegate's access tokens. Empty: PUBLIC_URL, else 'voicegate'.", "https://voice.example.com");
    public static final Variable JWT_AUDIENCE = Variable.of("JWT_AUDIENCE", "voicegate",
            "The aud of Voicegate's access tokens.", "voicegate");
    public static final Variable REFRESH_TOKEN_DAYS = Variable.of("REFRESH_TOKEN_DAYS", "30",
            "Lifetime of a refresh token, in days.", "30");
    public static final Variable AUTH_COOKIE_NAME = Variable.of("AUTH_COOKIE_NAME", "auth_token",
            "Name of the HttpOnly access-token cookie.", "auth_token");
    public static final Variable REFRESH_COOKIE_NAME = Variable.of("REFRESH_COOKIE_NAME", "refresh_token",
            "Name of the HttpOnly refresh-token cookie.", "refresh_token");
    public static final Variable AUTH_COOKIE_DOMAIN = Variable.of("AUTH_COOKIE_DOMAIN", "",
            "Domain attribute of the auth cookies. Empty: host-only.", "voice.example.com");
    public static final Variable AUTH_COOKIE_SECURE = Variable.of("AUTH_COOKIE_SECURE", "true",
            "Send the auth cookies over HTTPS only.", "true");
    public static final Variable AUTH_COOKIE_SAMESITE = Variable.of("AUTH_COOKIE_SAMESITE", "Lax",
            "SameSite of the auth cookies: Strict, Lax or None (None needs AUTH_COOKIE_SECURE=true).", "Strict");
    public static final Variable AUTH_COOKIE_PATH = Variable.of("AUTH_COOKIE_PATH", "/",
            "Path attribute of the auth cookies.", "/");
    public static final Variable AUTH_EXTERNAL_ISSUER = Variable.of("AUTH_EXTERNAL_ISSUER", "",
            "The iss of an accepted external identity provider (with AUTH_EXTERNAL_JWKS_URL or AUTH_EXTERNAL_HS256_SECRET).",
            "https://securetoken.google.com/my-project");
    public static final Variable AUTH_EXTERNAL_JWKS_URL = Variable.of("AUTH_EXTERNAL_JWKS_URL", "",
            "JWKS of the external provider (RS256/ES256 keys; refetched at most once a minute on an unknown kid).",
            "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com");
    public static final Variable AUTH_EXTERNAL_HS256_SECRET = Variable.secret("AUTH_EXTERNAL_HS256_SECRET",
            "Shared HS256 secret of the external provider (Supabase's JWT secret, at least 32 bytes).", "<supabase jwt secret>");
    public static final Variable AUTH_EXTERNAL_AUDIENCE = Variable.of("AUTH_EXTERNAL_AUDIENCE", "",
            "The aud external tokens must carry. Required with a JWKS URL; 'authenticated' by default with an HS256 secret.",
            "my-project");
    public static final Variable CORS_ORIGINS = Variable.of("CORS_ORIGINS", "",
            "Browser origins allowed with credentials: comma-separated or a JSON list, exact match.", "https://app.example.com");
    public static final Variable ALLOWED_ORIGINS = Variable.of("ALLOWED_ORIGINS", "",
            "Also read as allowed origins (merged with CORS_ORIGINS).", "[\"https://app.example.com\"]");
    public static final Variable RATE_LIMIT_SESSIONS_PER_MINUTE = Variable.of("RATE_LIMIT_SESSIONS_PER_MINUTE", "10",
            "Credential mintings, session opens and relays per client address per minute.", "10");
    public static final Variable RATE_LIMIT_USER_SESSIONS_PER_MINUTE = Variable.of("RATE_LIMIT_USER_SESSIONS_PER_MINUTE", "10",
            "Credential mintings, session opens and relays per user per minute.", "10");
    public static final Variable RATE_LIMIT_AUTH_PER_MINUTE = Variable.of("RATE_LIMIT_AUTH_PER_MINUTE", "20",
            "Register, login and refresh requests per client address per minute.", "20");
    public static final Variable TRUSTED_PROXIES = Variable.of("TRUSTED_PROXIES", "",
            "Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed; empty: none.", "10.0.0.0/8,127.0.0.1");

    public static final List<Variable> VARIABLES = List.of(JWT_EXPIRATION_MINUTES, JWT_KEYS_DIR, JWT_KEY_ROTATION_DAYS, JWT_ISSUER, JWT_AUDIENCE,
            REFRESH_TOKEN_DAYS, AUTH_COOKIE_NAME, REFRESH_COOKIE_NAME, AUTH_COOKIE_DOMAIN, AUTH_COOKIE_SECURE,
            AUTH_COOKIE_SAMESITE, AUTH_COOKIE_PATH, AUTH_EXTERNAL_ISSUER, AUTH_EXTERNAL_JWKS_URL,
            AUTH_EXTERNAL_HS256_SECRET, AUTH_EXTERNAL_AUDIENCE, CORS_ORIGINS, ALLOWED_ORIGINS,
            RATE_LIMIT_SESSIONS_PER_MINUTE, RATE_LIMIT_USER_SESSIONS_PER_MINUTE, RATE_LIMIT_AUTH_PER_MINUTE, TRUSTED_PROXIES);

    private static final String COOKIE_NAME = "[A-Za-z0-9_\\-]{1,64}";

    public static AuthConfig from(Env env, ServerConfig server) {
        var lifetime = Duration.ofMinutes(env.integer(JWT_EXPIRATION_MINUTES, 1, 1440));
        var keysDir = env.optional(JWT_KEYS_DIR).isPresent() ? env.path(JWT_KEYS_DIR) : server.dataDir().resolve("keys");
        var issuer = env.optional(JWT_ISSUER).orElse(server.publicUrl().isEmpty() ? "voicegate" : server.publicUrl());
        var audience = env.text(JWT_AUDIENCE);
        var refresh = Duration.ofDays(env.integer(REFRESH_TOKEN_DAYS, 1, 365));
        var rotation = Duration.ofDays(env.integer(JWT_KEY_ROTATION_DAYS, 1, 3650));
        return new AuthConfig(lifetime, keysDir, rotation, issuer, audience, refresh, cookies(env), external(env, issuer),
                origins(env), limits(env), proxies(env));
    }

    private static AuthCookies cookies(Env env) {
        for (var variable : List.of(AUTH_COOKIE_NAME, REFRESH_COOKIE_NAME)) {
            if (!env.text(variable).matches(COOKIE_NAME)) throw new ConfigException(variable, "a cookie name ([A-Za-z0-9_-])", env.text(variable));
        }
        var domain = env.optional(AUTH_COOKIE_DOMAIN);
        if (domain.filter(d -> !d.matches("\\.?[A-Za-z0-9.\\-]+")).isPresent()) {
            throw new ConfigException(AUTH_COOKIE_DOMAIN, "a domain name", domain.get());
        }
        var path = env.text(AUTH_COOKIE_PATH);
        if (!path.matches("/[A-Za-z0-9/_\\-.]*")) throw new ConfigException(AUTH_COOKIE_PATH, "a path starting with /", path);
        boolean secure = env.bool(AUTH_COOKIE_SECURE);
        var sameSite = env.text(AUTH_COOKIE_SAMESITE);
        if (!List.of("strict", "lax", "none").contains(sameSite.toLowerCase(java.util.Locale.ROOT))) {
            throw new ConfigException(AUTH_COOKIE_SAMESITE, "Strict, Lax or None", sameSite);
        }
        if (sameSite.equalsIgnoreCase("none") && !secure) {
            throw new ConfigException(AUTH_COOKIE_SAMESITE, "Strict or Lax when AUTH_COOKIE_SECURE is false", sameSite);
        }
        return new AuthCookies(env.text(AUTH_COOKIE_NAME), env.text(REFRESH_COOKIE_NAME), domain, path, secure, sameSite);
    }

    private static Optional<ExternalIssuer> external(Env env, String ownIssuer) {
        var issuer = env.optional(AUTH_EXTERNAL_ISSUER);
        var jwks = env.optional(AUTH_EXTERNAL_JWKS_URL);
        var secret = env.optional(AUTH_EXTERNAL_HS256_SECRET);
        if (issuer.isEmpty()) {
            if (jwks.isPresent()) throw new ConfigException(AUTH_EXTERNAL_ISSUER, "to be set with AUTH_EXTERNAL_JWKS_URL");
            if (secret.isPresent()) throw new ConfigException(AUTH_EXTERNAL_ISSUER, "to be set with AUTH_EXTERNAL_HS256_SECRET");
            return Optional.empty();
        }
        if (issuer.get().equals(ownIssuer)) throw new ConfigException(AUTH_EXTERNAL_ISSUER, "an issuer other than JWT_ISSUER", issuer.get());
        if (jwks.isPresent() == secret.isPresent()) {
            throw new ConfigException(AUTH_EXTERNAL_JWKS_URL, "exactly one of AUTH_EXTERNAL_JWKS_URL and AUTH_EXTERNAL_HS256_SECRET");
        }
        if (secret.isPresent()) {
            var bytes = secret.get().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) throw new ConfigException(AUTH_EXTERNAL_HS256_SECRET, "at least 32 bytes");
            var audience = env.optional(AUTH_EXTERNAL_AUDIENCE).orElse("authenticated");
            return Optional.of(new ExternalIssuer(issuer.get(), audience, Optional.empty(), Optional.of(new ExternalIssuer.Secret(bytes))));
        }
        var audience = env.optional(AUTH_EXTERNAL_AUDIENCE)
                .orElseThrow(() -> new ConfigException(AUTH_EXTERNAL_AUDIENCE, "to be set with AUTH_EXTERNAL_JWKS_URL"));
        URI url;
        try {
            url = new URI(jwks.get());
        } catch (URISyntaxException e) {
            throw new ConfigException(AUTH_EXTERNAL_JWKS_URL, "an http:// or https:// URL", jwks.get());
        }
        if (url.getHost() == null || !List.of("http", "https").contains(String.valueOf(url.getScheme()))) {
            throw new ConfigException(AUTH_EXTERNAL_JWKS_URL, "an http:// or https:// URL", jwks.get());
        }
        return Optional.of(new ExternalIssuer(issuer.get(), audience, Optional.of(url), Optional.empty()));
    }

    private static List<String> origins(Env env) {
        var all = new ArrayList<String>();
        for (var variable : List.of(CORS_ORIGINS, ALLOWED_ORIGINS)) {
            for (var origin : env.list(variable)) {
                if (!origin.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?")) {
                    throw new ConfigException(variable, "origins like https://app.example.com (scheme, host, optional port; no path, no *)", origin);
                }
                if (!all.contains(origin)) all.add(origin);
            }
        }
        return List.copyOf(all);
    }

    private static Guards.Limits limits(Env env) {
        return new Guards.Limits(RateLimit.perMinute(env.integer(RATE_LIMIT_AUTH_PER_MINUTE, 1, 1_000_000)),
                RateLimit.perMinute(env.integer(RATE_LIMIT_SESSIONS_PER_MINUTE, 1, 1_000_000)),
                RateLimit.perMinute(env.integer(RATE_LIMIT_USER_SESSIONS_PER_MINUTE, 1, 1_000_000)));
    }

    private static List<String> proxies(Env env) {
        var proxies = env.list(TRUSTED_PROXIES);
        try {
            ClientAddresses.trusting(proxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TRUSTED_PROXIES, "addresses or CIDR ranges such as 10.0.0.0/8", String.join(",", proxies));
        }
        return proxies;
    }
}
