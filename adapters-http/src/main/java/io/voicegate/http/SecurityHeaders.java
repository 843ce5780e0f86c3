package io.voicegate.http;

import io.javalin.http.Context;

/** Headers every response carries; HSTS only when the public URL is HTTPS (a browser would pin it otherwise). */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void apply(Context ctx, HttpSettings settings) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; "
                        + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        if (settings.publicUrlIsHttps()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
