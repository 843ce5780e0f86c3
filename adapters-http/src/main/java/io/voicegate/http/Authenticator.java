package io.voicegate.http;

import io.javalin.http.Context;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.TokenVerifier;
import io.voicegate.core.identity.Unauthenticated;

import java.util.Optional;

/**
 * Finds the caller's credential ({@code Authorization: Bearer}, else the auth cookie) and has core verify it.
 * Routes call {@link #require(Context)}; a missing or bad credential answers 401 through the error mapping.
 */
public final class Authenticator {

    private static final String PRINCIPAL = "voicegate.principal";

    private final TokenVerifier verifier;
    private final String cookieName;

    public Authenticator(TokenVerifier verifier, String cookieName) {
        this.verifier = verifier;
        this.cookieName = cookieName;
    }

    public Principal require(Context ctx) {
        Principal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) return cached;
        var token = bearer(ctx).or(() -> Optional.ofNullable(ctx.cookie(cookieName)).filter(c -> !c.isBlank()))
                .orElseThrow(Unauthenticated::new);
        var principal = verifier.verify(token);
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    /** True when the request carries its credential in the Authorization header (no CSRF check needed). */
    public static boolean usesBearer(Context ctx) {
        return bearer(ctx).isPresent();
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
