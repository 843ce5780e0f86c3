package io.voicegate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.UnknownSessionRef;
import io.voicegate.core.tools.RunServerTool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /api/v1/elevenlabs/tools/{tool}}: the URL of an ElevenLabs agent's server (webhook) tool. Authenticated
 * by {@value #SECRET_HEADER} (compared in constant time; missing or wrong → 401). The JSON body carries the tool's
 * parameters and {@value #SESSION_REF_FIELD}; the answer is the tool's JSON (a failure is a speakable
 * {@code {"error":...}}, still 200, so the agent can talk about it). Unknown tool or reference → 404.
 */
public final class ElevenLabsToolEndpoints implements Endpoints {

    public static final String PATH = "/api/v1/elevenlabs/tools/{tool}";
    public static final String SECRET_HEADER = "X-Voicegate-Tool-Secret";
    public static final String SESSION_REF_FIELD = "voicegate_session_ref";
    static final String ACTOR = "agent:elevenlabs";

    private final RunServerTool tools;
    private final byte[] secretDigest;
    private final ClientAddresses addresses;
    private final RequestBodies bodies = new RequestBodies(Json.mapper());

    /** @param secret {@code ELEVENLABS_TOOL_SECRET}, at least 16 characters */
    public ElevenLabsToolEndpoints(RunServerTool tools, String secret, ClientAddresses addresses) {
        this.tools = Objects.requireNonNull(tools, "tools");
        if (secret == null || secret.length() < 16) throw new IllegalArgumentException("the tool secret must have at least 16 characters");
        this.secretDigest = sha256(secret);
        this.addresses = Objects.requireNonNull(addresses, "addresses");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, this::call);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("/io/voicegate/http/elevenlabs-tools.openapi.json");
    }

    private void call(Context ctx) {
        requireSecret(ctx);
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
        var result = tools.handle(new RunServerTool.Command(ctx.pathParam("tool"), ref, arguments.toString(), ACTOR, request));
        ctx.status(200).contentType("application/json").result(result.output());
    }

    private void requireSecret(Context ctx) {
        var presented = ctx.header(SECRET_HEADER);
        // Digests first, so the comparison takes the same time whatever the presented length.
        if (presented == null || !MessageDigest.isEqual(sha256(presented), secretDigest)) {
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
        return "ElevenLabsToolEndpoints[secret=***]";
    }
}
