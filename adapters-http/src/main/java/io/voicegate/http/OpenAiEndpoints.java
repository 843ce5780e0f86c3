package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.VoicegateException;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.provider.ProviderNotConfigured;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayTargets;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

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

    static final String REALTIME = "/openai/v1/realtime";
    private static final String KEY_PROTOCOL = "openai-insecure-api-key.";

    private final Authenticator authenticator;
    private final Guards guards;
    private final ConsentGate consent;
    private final RelaySocket socket;
    private final RelayTargets targets;
    private final RelaySessions sessions;
    private final OpenAiRelaySettings settings;
    private final OpenAiErrorJson errors = new OpenAiErrorJson();

    public OpenAiEndpoints(Authenticator authenticator, Guards guards, ConsentGate consent, OpenSockets sockets,
                           OpenRelay openRelay, RelayTargets targets, RelaySessions sessions, OpenAiRelaySettings settings) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.socket = new RelaySocket(Objects.requireNonNull(sockets, "sockets"),
                Objects.requireNonNull(openRelay, "openRelay"), settings.limits());
        this.targets = Objects.requireNonNull(targets, "targets");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.wsBeforeUpgrade(REALTIME, this::beforeUpgrade);
        routes.ws(REALTIME, socket::configure);
    }

    /** The relay route of a server without an OpenAI key: every upgrade is refused with an OpenAI-shaped 503. */
    public static Endpoints notConfigured() {
        var errors = new OpenAiErrorJson();
        return new Endpoints() {
            @Override
            public void addTo(RoutesConfig routes) {
                routes.wsBeforeUpgrade(REALTIME, ctx -> RelaySocket.refuse(ctx, errors, new ProviderNotConfigured("openai")));
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
            var offered = RelaySocket.offeredSubprotocols(ctx);
            var keyToken = Arrays.stream(offered).filter(p -> p.startsWith(KEY_PROTOCOL)).findFirst()
                    .map(p -> p.substring(KEY_PROTOCOL.length())).orElse("");
            var principal = authenticator.require(ctx, keyToken);
            guards.credentialMinting(ctx, principal);
            consent.forNewSession(principal.user());
            var sessionId = ctx.queryParam("session_id");
            var session = sessionId == null || sessionId.isBlank()
                    ? sessions.start(principal, "openai", model)
                    : sessions.resume(principal, "openai", model, sessionId);
            RelaySocket.accept(ctx, session, () -> targets.forModel(model));
            if (offered.length > 0) ctx.header("Sec-WebSocket-Protocol", "realtime");
        } catch (VoicegateException refusal) {
            RelaySocket.refuse(ctx, errors, refusal);
        }
    }
}
