package io.voicegate.http;

import io.javalin.http.Context;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.TokenVerifier;
import io.voicegate.core.identity.Unauthenticated;

import java.util.Optional;

/**
 * Finds the caller's credential ({@code Authorization: Bearer}, else the auth cookie) and has core verify it.
 * Routes call {@link #require(Context)}; a missing or bad credential answers 401 through the error mapping. A
 * state-changing request (not GET, HEAD or OPTIONS) authenticated by the cookie alone must also pass the CSRF check
 * of {@link OriginPolicy#requireCsrfSafe} (403 otherwise); Bearer requests need none.
 */
public final class Authenticator {

    private static final String PRINCIPAL = "voicegate.principal";

    private final TokenVerifier verifier;
    private final String cookieName;
    private final OriginPolicy csrf;

    /** CSRF passes only for the server's own origin or the double-submit token. */
    public Authenticator(TokenVerifier verifier, String cookieName) {
        this(verifier, cookieName, OriginPolicy.sameOriginOnly());
    }

    public Authenticator(TokenVerifier verifier, String cookieName, OriginPolicy csrf) {
        this.verifier = verifier;
        this.cookieName = cookieName;
        this.csrf = csrf;
    }

    public Principal require(Context ctx) {
        Principal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) return cached;
        var bearer = bearer(ctx);
        var token = bearer.or(() -> Optional.ofNullable(ctx.cookie(cookieName)).filter(c -> !c.isBlank()))
                .orElseThrow(Unauthenticated::new);
        var principal = verifier.verify(token);
        if (bearer.isEmpty() && changesState(ctx)) csrf.requireCsrfSafe(ctx);
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    /**
     * Like {@link #require(Context)}, with a token found elsewhere as the last resort: the browser WebSocket
     * subprotocol {@code openai-insecure-api-key.<token>}, for clients that cannot set headers. Empty means none.
     */
    public Principal require(Context ctx, String fallbackToken) {
        if (fallbackToken.isEmpty() || bearer(ctx).isPresent() || ctx.cookie(cookieName) != null) return require(ctx);
        var principal = verifier.verify(fallbackToken);
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    /** True when the request carries its credential in the Authorization header (no CSRF check needed). */
    public static boolean usesBearer(Context ctx) {
        return bearer(ctx).isPresent();
    }

    private static boolean changesState(Context ctx) {
        var method = ctx.method().name();
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    static Optional<String> bearer(Context ctx) {
        var header = ctx.header("Authorization");
        if (header == null) return Optional.empty();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var token = header.substring(7).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
