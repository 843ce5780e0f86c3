package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.regex.Pattern;

/**
 * CORS by our own filter (Javalin's plugin still runs the handler for a refused origin): a listed origin gets
 * {@code Access-Control-Allow-Origin} with credentials and {@code Vary: Origin}; a preflight from a listed origin
 * is answered 204 without reaching any route, and from any other origin 403 "Origin not allowed". Responses to
 * unlisted origins carry no CORS header, so the browser keeps them from the page.
 */
public final class CorsFilter implements Endpoints {

    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9-]+(\\s*,\\s*[A-Za-z0-9-]+)*");
    /**
     * Response headers a page may read: besides the retry time and request id, what the OpenAI SDKs and a WebRTC
     * page need from {@code /openai/v1} (the call's {@code Location}, its session, the no-retry advice).
     */
    private static final String EXPOSED = "Retry-After, X-Request-Id, x-should-retry, Location, Voicegate-Session-Id";

    private final OriginPolicy origins;

    public CorsFilter(OriginPolicy origins) {
        this.origins = origins;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.before(this::apply);
    }

    private void apply(Context ctx) {
        var origin = ctx.header("Origin");
        if (origin == null) return;
        ctx.res().addHeader("Vary", "Origin");
        boolean preflight = "OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null;
        if (!origins.isListed(origin)) {
            if (preflight) throw OriginNotAllowed.origin();
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
        if (preflight) {
            ctx.header("Access-Control-Allow-Methods", METHODS);
            var requested = ctx.header("Access-Control-Request-Headers");
            if (requested != null && HEADER_LIST.matcher(requested.strip()).matches()) {
                ctx.header("Access-Control-Allow-Headers", requested.strip());
            }
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }
}
