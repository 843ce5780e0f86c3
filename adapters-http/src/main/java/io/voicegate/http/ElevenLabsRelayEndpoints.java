package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.VoicegateException;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.provider.ProviderNotConfigured;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayTarget;
import io.voicegate.core.session.InvalidSessionRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ElevenLabs relay, {@code GET /api/v1/elevenlabs/conversation?session_id=} (WebSocket), for clients that must not
 * learn the agent id: the client speaks ElevenLabs' conversation protocol to Voicegate, which holds the agent and the
 * key. Before the upgrade, each refusal answered as problem+json: the {@code Origin} must be allowed (403); the caller
 * must present a Voicegate token (Bearer, the auth cookie, or the browser subprotocol {@code bearer.<token>} next to
 * {@code convai}, which is then answered) (401); {@code session_id} must be given (400); the rate limits (429) and
 * voice-processing consent (403) must allow it; the session must be the caller's own (404), created for this relay
 * and not yet connected (409); and ElevenLabs must grant the conversation (400 for an agent policy does not allow,
 * 503 or 429 when ElevenLabs refuses). After it, core's bridge relays the frames. {@link #notConfigured} answers every
 * upgrade with 503 while the server has no ElevenLabs key.
 */
public final class ElevenLabsRelayEndpoints implements Endpoints {

    public static final String PATH = "/api/v1/elevenlabs/conversation";
    static final String PROVIDER = "elevenlabs";
    private static final String SUBPROTOCOL = "convai";
    private static final String TOKEN_PROTOCOL = "bearer.";
    private static final String FRAGMENT = "/io/voicegate/http/elevenlabs-relay.openapi.json";

    /** Where the relay of one session goes; found before the upgrade, so a refusal still answers the request. */
    @FunctionalInterface
    public interface Targets {

        /**
         * @param sessionId the caller's session (as the client named it), found and checked
         * @param agentId   the agent the client named when it created the session, if it named one
         * @throws VoicegateException a refusal (an agent policy does not allow, ElevenLabs refusing or unreachable)
         */
        RelayTarget forSession(String sessionId, Optional<String> agentId);
    }

    private final Authenticator authenticator;
    private final Guards guards;
    private final ConsentGate consent;
    private final RelaySessions sessions;
    private final Targets targets;
    private final RelaySocket socket;
    private final ProblemJson problems = new ProblemJson(Json.mapper());

    public ElevenLabsRelayEndpoints(Authenticator authenticator, Guards guards, ConsentGate consent, OpenSockets sockets,
                                    OpenRelay openRelay, RelaySessions sessions, Targets targets, RelayLimits limits) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.socket = new RelaySocket(Objects.requireNonNull(sockets, "sockets"),
                Objects.requireNonNull(openRelay, "openRelay"), Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.wsBeforeUpgrade(PATH, this::beforeUpgrade);
        routes.ws(PATH, socket::configure);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of(FRAGMENT);
    }

    /** The relay route of a server without an ElevenLabs key: every upgrade is refused with a 503 problem. */
    public static Endpoints notConfigured() {
        var problems = new ProblemJson(Json.mapper());
        return new Endpoints() {
            @Override
            public void addTo(RoutesConfig routes) {
                routes.wsBeforeUpgrade(PATH, ctx -> RelaySocket.refuse(ctx, problems, new ProviderNotConfigured(PROVIDER)));
                routes.ws(PATH, ws -> ws.onConnect(ctx -> ctx.closeSession(1011, "ElevenLabs is not configured.")));
            }

            @Override
            public List<String> openApiFragments() {
                return List.of(FRAGMENT);
            }
        };
    }

    private void beforeUpgrade(Context ctx) {
        try {
            guards.origins().requireAllowedOrigin(ctx);
            var offered = RelaySocket.offeredSubprotocols(ctx);
            var subprotocolToken = Arrays.stream(offered).filter(p -> p.startsWith(TOKEN_PROTOCOL)).findFirst()
                    .map(p -> p.substring(TOKEN_PROTOCOL.length())).orElse("");
            var principal = authenticator.require(ctx, subprotocolToken);
            var sessionId = Optional.ofNullable(ctx.queryParam("session_id")).filter(id -> !id.isBlank())
                    .orElseThrow(() -> InvalidSessionRequest.parameter("session_id", "Query parameter 'session_id' must "
                            + "name a session created with POST /api/v1/sessions (provider elevenlabs, mode relay)."));
            guards.credentialMinting(ctx, principal);
            consent.forNewSession(principal.user());
            var session = sessions.resume(principal, PROVIDER, "", sessionId);
            var agent = Optional.ofNullable(ctx.queryParam("agent_id")).filter(id -> !id.isBlank());
            var target = targets.forSession(sessionId, agent);
            RelaySocket.accept(ctx, session, () -> target);
            if (Arrays.asList(offered).contains(SUBPROTOCOL)) ctx.header("Sec-WebSocket-Protocol", SUBPROTOCOL);
        } catch (VoicegateException refusal) {
            RelaySocket.refuse(ctx, problems, refusal);
        }
    }
}
