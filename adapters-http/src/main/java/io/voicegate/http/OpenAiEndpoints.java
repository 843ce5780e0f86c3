package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.voicegate.core.VoicegateException;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.provider.ProviderNotConfigured;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RealtimeBridge;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayTargets;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OpenAI-compatible realtime relay, {@code GET /openai/v1/realtime?model=} (WebSocket), as an official OpenAI SDK
 * pointed at {@code /openai/v1} expects it. Before the upgrade: the {@code Origin} must be allowed, the model must be
 * on the allow-list (400 {@code model_not_allowed}), the caller must present a Voicegate token (Bearer, the auth
 * cookie, or the browser subprotocol {@code openai-insecure-api-key.<token>}, answered with {@code realtime}), stay
 * within the rate limits, hold current voice-processing consent (403 {@code consent_required}) and the session must
 * start, or continue when {@code session_id} names the caller's own session created for a relay; refusals are
 * OpenAI-shaped errors. After it: frames are relayed by core's bridge. {@link #notConfigured} answers every upgrade
 * with 503 while the server has no OpenAI key.
 */
public final class OpenAiEndpoints implements Endpoints {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenAiEndpoints.class);
    static final String REALTIME = "/openai/v1/realtime";
    private static final String KEY_PROTOCOL = "openai-insecure-api-key.";
    private static final String SESSION = "voicegate.relay.session";
    private static final String MODEL = "voicegate.relay.model";
    private static final String BRIDGE = "voicegate.relay.bridge";

    private final Authenticator authenticator;
    private final Guards guards;
    private final ConsentGate consent;
    private final OpenSockets sockets;
    private final OpenRelay openRelay;
    private final RelayTargets targets;
    private final RelaySessions sessions;
    private final OpenAiRelaySettings settings;
    private final OpenAiErrorJson errors = new OpenAiErrorJson();

    public OpenAiEndpoints(Authenticator authenticator, Guards guards, ConsentGate consent, OpenSockets sockets,
                           OpenRelay openRelay, RelayTargets targets, RelaySessions sessions, OpenAiRelaySettings settings) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.sockets = Objects.requireNonNull(sockets, "sockets");
        this.openRelay = Objects.requireNonNull(openRelay, "openRelay");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.wsBeforeUpgrade(REALTIME, this::beforeUpgrade);
        routes.ws(REALTIME, this::relay);
    }

    /** The relay route of a server without an OpenAI key: every upgrade is refused with an OpenAI-shaped 503. */
    public static Endpoints notConfigured() {
        var errors = new OpenAiErrorJson();
        return new Endpoints() {
            @Override
            public void addTo(RoutesConfig routes) {
                routes.wsBeforeUpgrade(REALTIME, ctx -> refuse(ctx, errors, new ProviderNotConfigured("openai")));
                routes.ws(REALTIME, ws -> ws.onConnect(ctx -> ctx.closeSession(1011, "OpenAI is not configured.")));
            }
        };
    }

    private void beforeUpgrade(Context ctx) {
        try {
            guards.origins().requireAllowedOrigin(ctx);
            var model = ctx.queryParam("model");
            if (model == null || model.isBlank()) {
                throw new BadRequest("missing_required_parameter", "Missing required parameter: 'model'.", Optional.of("/model"));
            }
            if (!settings.models().contains(model)) {
                throw new BadRequest("model_not_allowed", "The model '" + model + "' is not allowed here.", Optional.of("/model"));
            }
            var offered = offered(ctx);
            var keyToken = Arrays.stream(offered).filter(p -> p.startsWith(KEY_PROTOCOL)).findFirst()
                    .map(p -> p.substring(KEY_PROTOCOL.length())).orElse("");
            var principal = authenticator.require(ctx, keyToken);
            guards.credentialMinting(ctx, principal);
            consent.forNewSession(principal.user());
            var sessionId = ctx.queryParam("session_id");
            var session = sessionId == null || sessionId.isBlank()
                    ? sessions.start(principal, "openai", model)
                    : sessions.resume(principal, "openai", model, sessionId);
            ctx.attribute(SESSION, session);
            ctx.attribute(MODEL, model);
            if (offered.length > 0) ctx.header("Sec-WebSocket-Protocol", "realtime");
        } catch (VoicegateException refusal) {
            refuse(ctx, errors, refusal);
        }
    }

    private void relay(WsConfig ws) {
        ws.onConnect(ctx -> {
            sockets.opened(ctx);
            RelaySessions.RelaySession session = ctx.attribute(SESSION);
            String model = ctx.attribute(MODEL);
            var client = new JavalinClientLink(ctx);
            try {
                var target = targets.forModel(model);
                ctx.attribute(BRIDGE, openRelay.handle(new OpenRelay.Command(session.sessionRef(), client,
                        target.upstream(), target.protocol(), session.observer(), settings.limits())));
            } catch (RuntimeException e) {
                LOG.error("Could not start the realtime relay for session {}", session.sessionRef(), e);
                session.observer().ended(new RelayEnd(RelayEnd.Reason.UPSTREAM_ERROR, 1011, "The relay could not start."));
                client.close(1011, "The relay could not start.");
            }
        });
        ws.onMessage(ctx -> {
            var bridge = bridge(ctx);
            if (bridge == null) return;
            var ready = bridge.clientEvents().onFrame(ctx.message()).toCompletableFuture();
            if (!ready.isDone()) awaitUpstream(ready);
        });
        ws.onClose(ctx -> {
            sockets.closed(ctx);
            var bridge = bridge(ctx);
            if (bridge != null) bridge.clientEvents().onClosed(ctx.status(), ctx.reason() == null ? "" : ctx.reason());
        });
        ws.onError(ctx -> {
            sockets.closed(ctx);
            var bridge = bridge(ctx);
            if (bridge != null) bridge.clientEvents().onFailed(ctx.error() == null ? new IOException("client socket error") : ctx.error());
        });
    }

    /** Backpressure: the next client frame is read only when the upstream has room (bounded by the stall limit). */
    private void awaitUpstream(java.util.concurrent.CompletableFuture<Void> ready) {
        try {
            ready.get(settings.limits().stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException stalled) {
            // The bridge's stall check ends the relay; reading on lets the client see the close.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RealtimeBridge bridge(WsContext ctx) {
        return ctx.attribute(BRIDGE);
    }

    private static String[] offered(Context ctx) {
        var header = ctx.header("Sec-WebSocket-Protocol");
        if (header == null) return new String[0];
        return Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    /** Answers before the upgrade; Javalin writes no result on the upgrade path, so the body is written here. */
    private static void refuse(Context ctx, OpenAiErrorJson errors, VoicegateException refusal) {
        int status = ErrorResponses.statusOf(refusal);
        refusal.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        errors.write(ctx, status, refusal.code(), "", refusal.getMessage(), refusal);
        ctx.res().setHeader("Sec-WebSocket-Protocol", null);
        try (var body = ctx.resultInputStream()) {
            var res = ctx.res();
            res.setStatus(status);
            res.setContentType("application/json");
            if (body != null) body.transferTo(res.getOutputStream());
            res.getOutputStream().flush();
        } catch (IOException clientGone) {
            // Nothing more to tell a client that left.
        }
        ctx.skipRemainingHandlers();
    }
}
