package io.voicegate.http;

import io.javalin.http.Context;
import io.voicegate.core.identity.Tokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The auth cookies: the access token and the refresh token (HttpOnly), plus the double-submit CSRF token that a
 * page's script may read and echo. Names, domain, path, Secure and SameSite come from configuration.
 */
public record AuthCookies(String accessName, String refreshName, Optional<String> domain, String path, boolean secure,
                          String sameSite) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public AuthCookies {
        Objects.requireNonNull(accessName, "accessName");
        Objects.requireNonNull(refreshName, "refreshName");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        sameSite = switch (sameSite.toLowerCase(Locale.ROOT)) {
            case "strict" -> "Strict";
            case "lax" -> "Lax";
            case "none" -> "None";
            default -> throw new IllegalArgumentException("SameSite must be Strict, Lax or None");
        };
        if (sameSite.equals("None") && !secure) throw new IllegalArgumentException("SameSite=None needs Secure");
    }

    public static AuthCookies defaults() {
        return new AuthCookies("auth_token", "refresh_token", Optional.empty(), "/", true, "Lax");
    }

    void set(Context ctx, Tokens tokens, Clock clock) {
        var now = clock.instant();
        add(ctx, accessName, tokens.access().value(), Duration.between(now, tokens.access().expiresAt()), true);
        add(ctx, refreshName, tokens.refreshToken(), Duration.between(now, tokens.refreshExpiresAt()), true);
        var csrf = new byte[24];
        RANDOM.nextBytes(csrf);
        add(ctx, OriginPolicy.CSRF_COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(csrf),
                Duration.between(now, tokens.refreshExpiresAt()), false);
    }

    void clear(Context ctx) {
        for (var name : new String[]{accessName, refreshName}) add(ctx, name, "", Duration.ZERO, true);
        add(ctx, OriginPolicy.CSRF_COOKIE, "", Duration.ZERO, false);
    }

    private void add(Context ctx, String name, String value, Duration maxAge, boolean httpOnly) {
        var cookie = new StringBuilder(name).append('=').append(value)
                .append("; Path=").append(path)
                .append("; Max-Age=").append(Math.max(0, maxAge.toSeconds()));
        domain.ifPresent(d -> cookie.append("; Domain=").append(d));
        if (secure) cookie.append("; Secure");
        if (httpOnly) cookie.append("; HttpOnly");
        cookie.append("; SameSite=").append(sameSite);
        ctx.res().addHeader("Set-Cookie", cookie.toString());
    }
}
