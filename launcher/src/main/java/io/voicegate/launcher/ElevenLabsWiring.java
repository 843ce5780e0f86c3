package io.voicegate.launcher;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.identity.User;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.postcall.IngestPostCallWebhook;
import io.voicegate.core.postcall.MatchKeptPostCalls;
import io.voicegate.core.postcall.RecordPostCall;
import io.voicegate.core.postcall.SweepWebhookEvents;
import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.UnconfiguredProvider;
import io.voicegate.core.provider.VoiceProvider;
import io.voicegate.core.session.AgentHandoff;
import io.voicegate.core.session.SessionRefGenerator;
import io.voicegate.core.tools.GetContextTool;
import io.voicegate.core.tools.RunServerTool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.elevenlabs.ElevenLabsClient;
import io.voicegate.elevenlabs.ElevenLabsPostCallParser;
import io.voicegate.elevenlabs.ElevenLabsRealtime;
import io.voicegate.elevenlabs.ElevenLabsRelayProtocol;
import io.voicegate.elevenlabs.ElevenLabsVoiceProvider;
import io.voicegate.elevenlabs.ElevenLabsWebhookVerifier;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayTarget;
import io.voicegate.core.session.SessionConflict;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionNotFound;
import io.voicegate.core.tools.RunTool;
import io.voicegate.http.Authenticator;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.ElevenLabsRelayEndpoints;
import io.voicegate.http.Guards;
import io.voicegate.http.OpenSockets;
import io.voicegate.http.ElevenLabsToolEndpoints;
import io.voicegate.http.ElevenLabsWebhookEndpoints;
import io.voicegate.http.Endpoints;
import io.voicegate.http.HttpSettings;
import io.voicegate.launcher.config.ElevenLabsConfig;
import io.voicegate.persistence.JdbiCallRecords;
import io.voicegate.persistence.JdbiSessionRefs;
import io.voicegate.persistence.JdbiSessionStore;
import io.voicegate.persistence.JdbiStores;
import io.voicegate.persistence.JdbiTranscriptStore;
import io.voicegate.persistence.JdbiUsageStore;
import io.voicegate.persistence.JdbiWebhookEvents;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * ElevenLabs Agents wired on the database: the provider that mints signed URLs and tokens (and relay paths), the
 * conversation relay, the session references agents get (and the conversation ids sessions learn), the post-call
 * webhook (its own body limit), the server-tool route with {@code get_context}, and the periodic sweep of webhook
 * records. Each part is off while its variables are empty.
 */
final class ElevenLabsWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenLabsWiring.class);
    /** Four times the signature tolerance (two hours): a replay can never outlive its claim. */
    static final Duration CLAIMS_KEPT = ElevenLabsWebhookVerifier.DEFAULT_TOLERANCE.multipliedBy(4);
    private static final List<ConnectionMode> MODES = List.of(ConnectionMode.WEBSOCKET, ConnectionMode.WEBRTC,
            ConnectionMode.RELAY);

    /** What exists only with a key. */
    private record Api(ElevenLabsClient client, ElevenLabsVoiceProvider provider) {
    }

    private final ElevenLabsConfig config;
    private final Optional<Api> api;
    private final VoiceProvider provider;
    private final JdbiSessionStore sessions;
    private final AgentHandoff handoff;
    private final RunServerTool tools;
    private final Optional<IngestPostCallWebhook> ingest;
    private final SweepWebhookEvents sweep;
    private final boolean simulated;
    private final Clock clock;
    private ScheduledExecutorService sweeper;

    /**
     * @param unmatchedKept how long reports no session matched are kept (the session retention period)
     * @param simulated     whether the upstream is the built-in fake ({@code --simulate})
     */
    ElevenLabsWiring(ElevenLabsConfig config, Jdbi jdbi, JdbiStores stores, AuditTrail audit, Duration unmatchedKept,
                     boolean simulated, Clock clock) {
        this.config = config;
        this.simulated = simulated;
        this.clock = clock;
        this.api = config.api().map(settings -> {
            var client = new ElevenLabsClient(HttpClient.newHttpClient(), settings, clock);
            return new Api(client, new ElevenLabsVoiceProvider(client, config.agentId().orElseThrow(),
                    config.allowedAgentIds(), MODES, clock));
        });
        this.provider = api.<VoiceProvider>map(Api::provider)
                .orElseGet(() -> new UnconfiguredProvider(ElevenLabsVoiceProvider.ID, new Capabilities(true, true, false), MODES));

        var sessions = new JdbiSessionStore(jdbi);
        this.sessions = sessions;
        var refs = new JdbiSessionRefs(jdbi);
        var events = new JdbiWebhookEvents(jdbi);
        var parser = new ElevenLabsPostCallParser();
        var sink = new RecordPostCall(sessions, new JdbiTranscriptStore(jdbi), new JdbiUsageStore(jdbi), refs,
                new JdbiCallRecords(jdbi), audit);
        var match = new MatchKeptPostCalls(events, Map.of(ElevenLabsVoiceProvider.ID, parser), sink);
        this.handoff = new AgentHandoff(SessionRefGenerator.secure(), refs, user -> userVariables(stores, audit, user),
                (provider, conversation, ref) -> {
                    int matched = match.handle(provider, conversation, Optional.of(ref));
                    if (matched > 0) LOG.info("Matched {} kept {} report(s) to a session", matched, provider);
                });
        this.ingest = config.webhookSecrets().isEmpty() ? Optional.empty()
                : Optional.of(new IngestPostCallWebhook(new ElevenLabsWebhookVerifier(config.webhookSecrets(), clock),
                        parser, sink, events, clock, config.storeAudio(), audit));
        var context = new DefaultContextProvider(stores.profiles(), sessions);
        this.tools = new RunServerTool(ToolRegistry.of(List.of(GetContextTool.create(context, refs))), refs, audit);
        this.sweep = new SweepWebhookEvents(events, clock, CLAIMS_KEPT, unmatchedKept);
    }

    /** The provider to register: minting when its key is set, otherwise listed as not configured. */
    VoiceProvider provider() {
        return provider;
    }

    boolean simulated() {
        return simulated && provider.configured();
    }

    /** What every new session hands to its agent, and how agents' later calls find it. */
    AgentHandoff handoff() {
        return handoff;
    }

    /** The webhook route (when secrets are set) and the tool route (when its secret is set). */
    List<Endpoints> endpoints(ClientAddresses addresses) {
        var endpoints = new ArrayList<Endpoints>();
        ingest.ifPresent(i -> endpoints.add(new ElevenLabsWebhookEndpoints(i)));
        config.toolSecret().ifPresent(secret -> endpoints.add(new ElevenLabsToolEndpoints(tools, secret, addresses)));
        return endpoints;
    }

    /**
     * The conversation relay route: relays run in {@code relays}, recorded by {@code sessions}. Each relay hands its
     * agent the variables of its session (the reference bound at creation, the owner's facts now), opens a conversation
     * with a signed URL minted for the session's agent, and links the conversation id to the session. Without a key the
     * route answers 503.
     */
    Endpoints relayEndpoints(Authenticator authenticator, Guards guards, ConsentGate consent, OpenSockets sockets,
                             RelayWiring relays, RelaySessions sessions, RelayLimits limits) {
        if (api.isEmpty()) return ElevenLabsRelayEndpoints.notConfigured();
        var wired = api.get();
        var realtime = new ElevenLabsRealtime(wired.client(), relays.connector(), config.api().orElseThrow().timeout());
        // ElevenLabs' own server tools call Voicegate over HTTP; the relay runs none.
        var openRelay = new OpenRelay(new RunTool(ToolRegistry.empty()), relays.relays(), clock, Runnable::run);
        return new ElevenLabsRelayEndpoints(authenticator, guards, consent, sockets, openRelay, sessions,
                (sessionId, agent) -> target(wired, realtime, sessionId, agent), limits);
    }

    private RelayTarget target(Api wired, ElevenLabsRealtime realtime, String sessionId, Optional<String> agent) {
        var session = SessionId.parse(sessionId).flatMap(sessions::find).orElseThrow(SessionNotFound::new);
        var handed = handoff.recall(session).orElseThrow(() ->
                new SessionConflict(session.status(), "The session was not created for this relay."));
        var agentId = wired.provider().agentFor(agent.map(a -> Map.of(ElevenLabsVoiceProvider.AGENT_OPTION, a)).orElse(Map.of()));
        return new RelayTarget(realtime.conversation(agentId), ElevenLabsRelayProtocol.of(handed.variables(),
                conversation -> handoff.linkConversation(session, handed.ref(), conversation)));
    }

    /** The settings with the webhook group's own body limit. */
    HttpSettings bodyLimit(HttpSettings settings) {
        return ElevenLabsWebhookEndpoints.bodyLimit(settings, config.webhookMaxBytes());
    }

    /** One sweep of webhook claims and unmatched reports now (the scheduler calls this). */
    SweepWebhookEvents.Swept sweepOnce() {
        return sweep.handle();
    }

    synchronized void startSweeper(Duration interval) {
        if (sweeper != null) return;
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "voicegate-webhook-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                var swept = sweep.handle();
                if (swept.claims() + swept.unmatched() > 0) {
                    LOG.info("Webhook sweep: {} claim(s) forgotten, {} unmatched report(s) deleted", swept.claims(), swept.unmatched());
                }
            } catch (RuntimeException e) {
                LOG.warn("Webhook sweep failed ({}); next attempt in {} ms", e.getClass().getSimpleName(), millis);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (sweeper == null) return;
        sweeper.shutdownNow();
        sweeper = null;
    }

    /** The session reference is added by the handoff; the rest is the minimum, plus what the operator listed. */
    private Map<String, String> userVariables(JdbiStores stores, AuditTrail audit, UserId user) {
        var variables = new LinkedHashMap<String, String>();
        variables.put("user_pseudonym", audit.pseudonymOf(user));
        var found = stores.users().find(user);
        // ElevenLabs refuses a conversation that lacks a variable its agent uses, so an unknown name is empty.
        variables.put("user_name", found.flatMap(User::displayName).orElse(""));
        if (config.userVariables().contains("user_email")) {
            variables.put("user_email", found.flatMap(User::email).map(io.voicegate.core.identity.Email::value).orElse(""));
        }
        if (config.userVariables().contains("user_locale")) {
            variables.put("user_locale", stores.profiles().export(user).flatMap(p -> p.locale()).orElse(""));
        }
        return variables;
    }
}
