package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.voicegate.core.VoicegateException;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI's error shape {@code {"error":{message,type,param,code}}}, so official SDKs raise the right error class.
 * All four members are always written, {@code param} and {@code code} as {@code null} when there is none (OpenAI's
 * schema requires them), so this class keeps its own plain mapper rather than Voicegate's, which drops nulls.
 * Refusals that a retry cannot fix carry {@code x-should-retry: false}, which stops the SDKs' automatic retries.
 */
final class OpenAiErrorJson implements ErrorBody {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void write(Context ctx, int status, String code, String title, String detail, VoicegateException cause) {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", detail);
        error.put("type", typeFor(status));
        error.put("param", cause == null ? null : paramOf(cause.details()));
        error.put("code", code);
        if (status == 429 || status == 403 || status == 503 || status == 413 || status == 409) {
            if (cause == null || !cause.retryMayHelp()) ctx.header("x-should-retry", "false");
        }
        try {
            ctx.status(status).contentType("application/json")
                    .result(mapper.writeValueAsBytes(Map.of("error", error)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typeFor(int status) {
        if (status == 401 || status == 400 || status == 404 || status == 405 || status == 413 || status == 409) {
            return "invalid_request_error";
        }
        if (status == 403) return "permission_error";
        if (status == 429) return "rate_limit_error";
        if (status == 503) return "service_unavailable";
        return "server_error";
    }

    private static String paramOf(Map<String, Object> details) {
        var param = details.get("param");
        if (param != null) return param.toString();
        var pointer = details.get("pointer");
        if (pointer == null) return null;
        return pointer.toString().replaceFirst("^/", "").replace('/', '.');
    }
}
