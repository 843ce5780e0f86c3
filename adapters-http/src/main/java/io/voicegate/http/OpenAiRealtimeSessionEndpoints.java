package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.core.session.CreateForwardedSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.SessionConflict;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionNotFound;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.VoiceSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import static io.voicegate.http.OpenAiRestEndpoints.BASE;

/**
 * The routes that start OpenAI realtime sessions outside the relay: client secrets (a browser then opens the
 * WebSocket itself) and WebRTC calls with their hang-up. Each session is recorded and gets the server's policy; a
 * call is listened to through a sideband ({@link OpenAiCalls}).
 */
final class OpenAiRealtimeSessionEndpoints implements Endpoints {

    /** How long a call may take to attach its sideband before the sweeper expires its session. */
    private static final Duration CALL_CONNECT_WINDOW = Duration.ofMinutes(2);

    private final OpenAiCaller caller;
    private final Guards guards;
    private final OpenAiRestUseCases useCases;
    private final OpenAiUpstream upstream;
    private final OpenAiCalls calls;
    private final OpenAiRestSettings settings;
    private final ObjectMapper mapper;

    OpenAiRealtimeSessionEndpoints(OpenAiCaller caller, ObjectMapper mapper, Guards guards, OpenAiRestUseCases useCases,
                                   OpenAiUpstream upstream, OpenAiCalls calls, OpenAiRestSettings settings) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE + "/realtime/client_secrets", this::clientSecret);
        routes.post(BASE + "/realtime/calls", this::createCall);
        routes.post(BASE + "/realtime/calls/{call_id}/hangup", this::hangUp);
    }

    // ---- client secrets ------------------------------------------------------------------------------------------

    private void clientSecret(Context ctx) {
        var principal = caller.require(ctx);
        guards.credentialMinting(ctx, principal);
        var consent = useCases.consent().forNewSession(principal.user());
        var body = OpenAiRequestBody.object(mapper, ctx.bodyAsBytes(), true);
        var session = OpenAiSessionConfig.enforce(body.get("session"), "/session", settings, Optional.empty());
        var request = mapper.createObjectNode();
        request.putObject("expires_after").put("anchor", "created_at").put("seconds", ttlSeconds(body.path("expires_after")));
        request.set("session", session);
        var created = useCases.createSession().handle(new CreateForwardedSession.Command(principal.user(), "openai",
                ConnectionMode.WEBSOCKET, Optional.of(session.get("model").asText()), OpenAiSessionConfig.voiceOf(session),
                consent.storeTranscripts(), request(ctx)), id -> {
            var secret = upstream.createClientSecret(write(request));
            return new CreateForwardedSession.Minted<>(secret.expiresAt(), secret);
        });
        var answer = parseObject(created.result().body());
        answer.put("voicegate_session_id", created.session().id().toString());
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(write(answer));
    }

    /** The secret lives at most the configured time; a client may ask for less (OpenAI's minimum is 10 s). */
    private long ttlSeconds(JsonNode expiresAfter) {
        var anchor = expiresAfter.path("anchor");
        if (!anchor.isMissingNode() && !anchor.isNull() && !anchor.asText().equals("created_at")) {
            throw new BadRequest("invalid_value", "Invalid value for 'expires_after.anchor': only 'created_at' is supported.",
                    Optional.of("/expires_after/anchor"));
        }
        long limit = settings.clientSecretTtl().toSeconds();
        var asked = expiresAfter.path("seconds");
        if (asked.isMissingNode() || asked.isNull()) return limit;
        if (!asked.canConvertToLong() || asked.asLong() < 10) {
            throw BadRequest.field("/expires_after/seconds", "Field 'expires_after.seconds' must be an integer of at least 10.");
        }
        return Math.min(limit, asked.asLong());
    }

    private ObjectNode parseObject(String json) {
        try {
            if (mapper.readTree(json) instanceof ObjectNode object) return object;
        } catch (IOException e) {
            // Falls through to the provider failure below.
        }
        throw new ProviderUnavailable("The voice provider answered with something that is not a JSON object.");
    }

    // ---- WebRTC calls --------------------------------------------------------------------------------------------

    private void createCall(Context ctx) {
        var principal = caller.require(ctx);
        guards.credentialMinting(ctx, principal);
        var consent = useCases.consent().forNewSession(principal.user());
        var offer = CallOffer.read(ctx, mapper);
        var continued = Optional.ofNullable(ctx.queryParam("session_id")).filter(s -> !s.isEmpty())
                .map(text -> continuable(principal, text, ctx));
        var session = OpenAiSessionConfig.enforce(offer.session(), "/session", settings,
                continued.flatMap(s -> s.model()));
        var model = session.get("model").asText();
        var sessionJson = write(session);
        SessionId sessionId;
        OpenAiUpstream.CallAnswer answer;
        if (continued.isPresent()) {
            sessionId = continued.get().id();
            answer = upstream.createCall(offer.sdp(), sessionJson);
        } else {
            var created = useCases.createSession().handle(new CreateForwardedSession.Command(principal.user(), "openai",
                    ConnectionMode.WEBRTC, Optional.of(model), OpenAiSessionConfig.voiceOf(session),
                    consent.storeTranscripts(), request(ctx)), id -> new CreateForwardedSession.Minted<>(
                    useCases.clock().instant().plus(CALL_CONNECT_WINDOW), upstream.createCall(offer.sdp(), sessionJson)));
            sessionId = created.session().id();
            answer = created.result();
        }
        calls.attach(answer.callId(), model, sessionId, principal.user(), useCases.sessionObserver().observe(sessionId));
        ctx.status(201).header("Location", BASE + "/realtime/calls/" + answer.callId())
                .header("Voicegate-Session-Id", sessionId.toString()).header("Cache-Control", "no-store")
                .contentType("application/sdp").result(answer.sdp());
    }

    /** A session created for WebRTC by {@code POST /api/v1/sessions}, owned by the caller and not yet connected. */
    private VoiceSession continuable(Principal principal, String text, Context ctx) {
        var id = SessionId.parse(text).orElseThrow(SessionNotFound::new);
        var session = useCases.getSession().handle(new GetSession.Query(principal.user(), id, request(ctx)));
        if (session.mode() != ConnectionMode.WEBRTC || !session.provider().equals("openai")) {
            throw new BadRequest("invalid_value", "Session " + id + " was not created for an OpenAI WebRTC call.",
                    Optional.of("/session_id"));
        }
        if (session.status() != SessionStatus.CREATED || session.isExpiredAt(useCases.clock().instant())) {
            throw new SessionConflict(session.status(), "Session " + id + " can no longer start a call.");
        }
        return session;
    }

    private void hangUp(Context ctx) {
        var principal = caller.require(ctx);
        calls.hangUpByOwner(ctx.pathParam("call_id"), principal.user());
        ctx.status(200).contentType("application/json").result("{}");
    }

    // ---- both ----------------------------------------------------------------------------------------------------

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RequestContext request(Context ctx) {
        return RequestContext.of(RequestIds.of(ctx), guards.clientAddress(ctx));
    }
}
