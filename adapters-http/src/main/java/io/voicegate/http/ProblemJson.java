package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.voicegate.core.VoicegateException;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;

/** RFC 9457 problem details: type, title, status, detail, instance, plus the request id and client-safe extras. */
final class ProblemJson implements ErrorBody {

    static final String CONTENT_TYPE = "application/problem+json";

    private final ObjectMapper mapper;

    ProblemJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void write(Context ctx, int status, String code, String title, String detail, VoicegateException cause) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", code);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", ctx.path());
        problem.put("request_id", RequestIds.of(ctx));
        if (cause != null) {
            cause.details().forEach(problem::putIfAbsent);
        }
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(mapper.writeValueAsBytes(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
