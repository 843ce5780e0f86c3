package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

import static io.voicegate.http.OpenAiRestEndpoints.BASE;

/** {@code GET /openai/v1/models}: the realtime models this server allows, as OpenAI's model list. */
final class OpenAiModelsEndpoints implements Endpoints {

    /** OpenAI's model objects carry a creation time; the allow-list has none, so one fixed value is used. */
    private static final long MODEL_CREATED = 1_700_000_000L;

    private final OpenAiCaller caller;
    private final List<String> models;
    private final ObjectMapper mapper;

    OpenAiModelsEndpoints(OpenAiCaller caller, ObjectMapper mapper, List<String> models) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.models = List.copyOf(models);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(BASE + "/models", this::models);
    }

    private void models(Context ctx) {
        caller.require(ctx);
        var answer = mapper.createObjectNode();
        answer.put("object", "list");
        var data = answer.putArray("data");
        for (var model : models) {
            data.addObject().put("id", model).put("object", "model").put("created", MODEL_CREATED).put("owned_by", "voicegate");
        }
        try {
            ctx.contentType("application/json").result(mapper.writeValueAsString(answer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
