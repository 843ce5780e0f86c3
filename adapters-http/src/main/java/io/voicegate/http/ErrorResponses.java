package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.voicegate.core.VoicegateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Maps every failure to the error shape of the surface it happened on, once. A {@link VoicegateException} becomes
 * its status and code; anything else is a 500 with a generic message and an error id, logged once with its stack.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final Map<VoicegateException.Kind, Integer> STATUS = Map.of(
            VoicegateException.Kind.INVALID, 400,
            VoicegateException.Kind.UNAUTHENTICATED, 401,
            VoicegateException.Kind.FORBIDDEN, 403,
            VoicegateException.Kind.NOT_FOUND, 404,
            VoicegateException.Kind.CONFLICT, 409,
            VoicegateException.Kind.TOO_LARGE, 413,
            VoicegateException.Kind.RATE_LIMITED, 429,
            VoicegateException.Kind.UNAVAILABLE, 503);

    private final ProblemJson problems;
    private final OpenAiErrorJson openAi;

    ErrorResponses(ObjectMapper mapper) {
        this.problems = new ProblemJson(mapper);
        this.openAi = new OpenAiErrorJson();
    }

    void install(RoutesConfig routes) {
        routes.exception(VoicegateException.class, this::refusal);
        routes.exception(HttpResponseException.class, this::javalinResponse);
        routes.exception(Exception.class, this::unexpected);
        routes.error(404, ctx -> {
            if (!hasBody(ctx)) write(ctx, 404, "not_found", "No route matches " + ctx.method() + " " + ctx.path() + ".", null);
        });
        routes.error(405, ctx -> {
            if (!hasBody(ctx)) write(ctx, 405, "method_not_allowed", "This route does not accept " + ctx.method() + ".", null);
        });
        routes.error(413, ctx -> {
            if (!hasBody(ctx)) write(ctx, 413, "payload_too_large", "The request body is too large.", null);
        });
    }

    static int statusOf(VoicegateException e) {
        return STATUS.getOrDefault(e.kind(), 422);
    }

    private void refusal(VoicegateException e, Context ctx) {
        e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Math.max(1, ceilSeconds(wait)))));
        write(ctx, statusOf(e), e.code(), e.getMessage(), e);
    }

    private void javalinResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        var code = switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            default -> status >= 500 ? "internal_error" : "request_rejected";
        };
        var detail = status == 413 ? "The request body is too large." : status >= 500 ? "The server failed to answer." : e.getMessage();
        write(ctx, status, code, detail, null);
    }

    private void unexpected(Exception e, Context ctx) {
        var errorId = RequestIds.generate().replace("req_", "err_");
        LOG.error("Unexpected failure answering {} {} (error id {})", ctx.method(), ctx.path(), errorId, e);
        write(ctx, 500, "internal_error", "The server failed to answer this request. Error id " + errorId + ".", null);
    }

    private void write(Context ctx, int status, String code, String detail, VoicegateException cause) {
        var surface = ctx.path().startsWith("/openai/") ? openAi : problems;
        surface.write(ctx, status, code, titleOf(status), detail, cause);
    }

    private static boolean hasBody(Context ctx) {
        return ctx.resultInputStream() != null;
    }

    private static long ceilSeconds(java.time.Duration wait) {
        long seconds = wait.toSeconds();
        return wait.minusSeconds(seconds).isZero() ? seconds : seconds + 1;
    }

    static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
