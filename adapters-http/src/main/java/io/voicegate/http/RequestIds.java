package io.voicegate.http;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One request id per request: the client's {@code X-Request-Id} when it is 1-128 characters of
 * {@code A-Za-z0-9._-}, otherwise a fresh one. Echoed in the response, put in the logging context (MDC key
 * {@code request_id}) and in every problem response.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final String ATTRIBUTE = "voicegate.request_id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static void assign(Context ctx) {
        var offered = ctx.header(HEADER);
        var id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : generate();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    static void release() {
        MDC.remove(MDC_KEY);
    }

    /** The request id of this request (assigned before any handler runs). */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : "unassigned";
    }

    /** Accepts a client-offered id if valid, else generates one (for WebSocket upgrades). */
    public static String accept(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : generate();
    }

    static String generate() {
        var bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
