package io.voicegate.http;

import io.javalin.http.Context;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which browser origins may use the API with credentials: exact matches of the configured list (CORS_ORIGINS), plus
 * the server's own origin. Routes that mint credentials, open sessions or upgrade to a WebSocket call
 * {@link #requireAllowedOrigin}; cookie-authenticated state changes call {@link #requireCsrfSafe}. Thread-safe.
 */
public final class OriginPolicy {

    /** The double-submit cookie (readable by the page's script) and the header that must repeat it. */
    public static final String CSRF_COOKIE = "csrf_token";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Set<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins.stream().map(OriginPolicy::normalise).toList());
    }

    /** Only the server's own origin. */
    public static OriginPolicy sameOriginOnly() {
        return new OriginPolicy(List.of());
    }

    /** True when the origin is listed (exact match, case-insensitive scheme and host). */
    public boolean isListed(String origin) {
        return origin != null && allowed.contains(normalise(origin));
    }

    /**
     * Refuses, with 403 "Origin not allowed", a request whose {@code Origin} header names an origin that is neither
     * listed nor the server's own. A request without {@code Origin} (a native client, curl) passes: only browsers
     * send it, and a browser always does on cross-origin requests and WebSocket upgrades.
     */
    public void requireAllowedOrigin(Context ctx) {
        var origin = ctx.header("Origin");
        if (origin != null && !allows(ctx, origin)) throw OriginNotAllowed.origin();
    }

    /**
     * For a state-changing request authenticated by cookie alone: passes when {@code Origin} (or, without it, the
     * {@code Referer}'s origin) is allowed, or when {@code X-CSRF-Token} equals the {@code csrf_token} cookie.
     */
    public void requireCsrfSafe(Context ctx) {
        var origin = Optional.ofNullable(ctx.header("Origin")).or(() -> refererOrigin(ctx.header("Referer")));
        if (origin.isPresent() && allows(ctx, origin.get())) return;
        var header = ctx.header(CSRF_HEADER);
        var cookie = ctx.cookie(CSRF_COOKIE);
        if (header != null && cookie != null && !cookie.isEmpty()
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))) {
            return;
        }
        throw OriginNotAllowed.csrf();
    }

    boolean allows(Context ctx, String origin) {
        return isListed(origin) || isSameOrigin(ctx, origin);
    }

    private static boolean isSameOrigin(Context ctx, String origin) {
        var host = ctx.header("Host");
        if (host == null) return false;
        var scheme = ctx.req().isSecure() ? "https" : "http";
        var own = normalise(scheme + "://" + host);
        return own.equals(normalise(origin));
    }

    private static Optional<String> refererOrigin(String referer) {
        if (referer == null) return Optional.empty();
        try {
            var uri = new URI(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) return Optional.empty();
            return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Lower-case, no trailing slash, default ports dropped: {@code HTTPS://App.example:443/} = {@code https://app.example}. */
    static String normalise(String origin) {
        var text = origin.strip().toLowerCase(Locale.ROOT);
        while (text.endsWith("/")) text = text.substring(0, text.length() - 1);
        if (text.startsWith("https://") && text.endsWith(":443")) text = text.substring(0, text.length() - 4);
        if (text.startsWith("http://") && text.endsWith(":80")) text = text.substring(0, text.length() - 3);
        return text;
    }
}
