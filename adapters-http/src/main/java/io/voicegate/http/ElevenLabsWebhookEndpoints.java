package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.postcall.IngestPostCallWebhook;
import io.voicegate.core.postcall.WebhookRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /api/v1/elevenlabs/webhooks/post-call}: ElevenLabs' post-call webhook. The raw body (up to the limit
 * set with {@link #bodyLimit}, {@link #DEFAULT_MAX_BYTES} by default, chunked or not) goes to core, which verifies the
 * signature before anything parses it. Every signature rejection answers 401 problem+json; a recorded, duplicate or
 * ignored event 200; an event no session matches yet 202.
 */
public final class ElevenLabsWebhookEndpoints implements Endpoints {

    public static final String PATH = "/api/v1/elevenlabs/webhooks/post-call";
    public static final String PREFIX = "/api/v1/elevenlabs/webhooks/";
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    private final IngestPostCallWebhook ingest;

    public ElevenLabsWebhookEndpoints(IngestPostCallWebhook ingest) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
    }

    /** The settings with this group's body limit ({@code ELEVENLABS_WEBHOOK_MAX_BYTES}) for its routes. */
    public static HttpSettings bodyLimit(HttpSettings settings, long maxBytes) {
        return settings.withBodyLimit(PREFIX, maxBytes);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, this::postCall);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/io/voicegate/http/elevenlabs-webhooks.openapi.json");
    }

    private void postCall(Context ctx) {
        var raw = RequestBodies.raw(ctx);
        var headers = new LinkedHashMap<String, String>();
        for (var name : Collections.list(ctx.req().getHeaderNames())) headers.put(name, ctx.req().getHeader(name));
        var disposition = ingest.handle(WebhookRequest.of(headers, raw));
        int status = disposition == IngestPostCallWebhook.Disposition.KEPT_UNMATCHED ? 202 : 200;
        ctx.status(status).json(Map.of("status", disposition.name().toLowerCase(Locale.ROOT)));
    }
}
