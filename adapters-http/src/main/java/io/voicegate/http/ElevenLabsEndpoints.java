package io.voicegate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.postcall.IngestPostCallWebhook;
import io.voicegate.core.postcall.WebhookRequest;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.UnknownSessionRef;
import io.voicegate.core.tools.RunServerTool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The routes ElevenLabs itself calls: the post-call webhook (signature verified over the raw bytes before anything
 * parses them; up to {@link #WEBHOOK_MAX_BYTES} by default, see {@link #bodyLimit}) and the server-tool endpoint an
 * agent's webhook tools call, authenticated by a shared secret header compared in constant time.
 */
public final class ElevenLabsEndpoints implements Endpoints {

    public static final String WEBHOOK_PATH = "/api/v1/elevenlabs/webhooks/post-call";
    public static final String WEBHOOK_PREFIX = "/api/v1/elevenlabs/webhooks/";
    public static final String TOOLS_PATH = "/api/v1/elevenlabs/tools/{tool}";
    public static final String TOOL_SECRET_HEADER = "X-Voicegate-Tool-Secret";
    public static final String SESSION_REF_FIELD = "voicegate_session_ref";
    public static final long WEBHOOK_MAX_BYTES = 5L * 1024 * 1024;
    static final String ACTOR = "agent:elevenlabs";

    private final IngestPostCallWebhook ingest;
    private final RunServerTool tools;
    private final byte[] toolSecretDigest;
    private final ClientAddresses addresses;
    private final RequestBodies bodies;

    /**
     * @param toolSecret {@code ELEVENLABS_TOOL_SECRET}; at least 16 characters
     */
    public ElevenLabsEndpoints(IngestPostCallWebhook ingest, RunServerTool tools, String toolSecret,
                               ClientAddresses addresses) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.tools = Objects.requireNonNull(tools, "tools");
        if (toolSecret == null || toolSecret.length() < 16) {
            throw new IllegalArgumentException("the tool secret must have at least 16 characters");
        }
        this.toolSecretDigest = sha256(toolSecret);
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.bodies = new RequestBodies(Json.mapper());
    }

    /** The settings with this group's webhook body limit ({@code maxBytes}, default {@link #WEBHOOK_MAX_BYTES}). */
    public static HttpSettings bodyLimit(HttpSettings settings, long maxBytes) {
        return settings.withBodyLimit(WEBHOOK_PREFIX, maxBytes);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(WEBHOOK_PATH, this::postCall);
        routes.post(TOOLS_PATH, this::tool);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/io/voicegate/http/openapi/elevenlabs.json");
    }

    private void postCall(Context ctx) {
        var raw = RequestBodies.raw(ctx);
        var headers = new LinkedHashMap<String, String>();
        for (var name : java.util.Collections.list(ctx.req().getHeaderNames())) headers.put(name, ctx.req().getHeader(name));
        var disposition = ingest.handle(WebhookRequest.of(headers, raw));
        int status = disposition == IngestPostCallWebhook.Disposition.KEPT_UNMATCHED ? 202 : 200;
        ctx.status(status).json(Map.of("status", disposition.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private void tool(Context ctx) {
        requireToolSecret(ctx);
        var tool = ctx.pathParam("tool");
        var body = bodies.tree(ctx);
        if (!(body instanceof ObjectNode arguments)) {
            throw new BadRequest("invalid_json", "The body must be a JSON object.", Optional.empty());
        }
        var refNode = arguments.remove(SESSION_REF_FIELD);
        if (refNode == null || !refNode.isTextual()) {
            throw BadRequest.field("/" + SESSION_REF_FIELD, "Field '/" + SESSION_REF_FIELD
                    + "' must be the session reference string (pass the dynamic variable in the tool's body).");
        }
        var ref = SessionRef.parse(refNode.asText()).orElseThrow(UnknownSessionRef::new);
        var request = RequestContext.of(RequestIds.of(ctx), addresses.of(ctx));
        var result = tools.handle(new RunServerTool.Command(tool, ref, arguments.toString(), ACTOR, request));
        ctx.status(200).contentType("application/json").result(result.output());
    }

    private void requireToolSecret(Context ctx) {
        var presented = ctx.header(TOOL_SECRET_HEADER);
        // Digests first, so the comparison takes the same time whatever the presented length.
        if (presented == null || !MessageDigest.isEqual(sha256(presented), toolSecretDigest)) {
            throw new Unauthenticated("The tool secret header is missing or wrong.");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ElevenLabsEndpoints[tool secret ***]";
    }
}
