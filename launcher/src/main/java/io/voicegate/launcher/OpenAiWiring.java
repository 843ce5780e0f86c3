package io.voicegate.launcher;

import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.UnconfiguredProvider;
import io.voicegate.core.provider.VoiceProvider;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayTarget;
import io.voicegate.core.realtime.Relays;
import io.voicegate.core.session.SessionPolicy;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.Tool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.http.Authenticator;
import io.voicegate.http.Endpoints;
import io.voicegate.http.Guards;
import io.voicegate.http.OpenAiEndpoints;
import io.voicegate.http.OpenAiCalls;
import io.voicegate.http.OpenAiRelaySettings;
import io.voicegate.http.OpenAiRestEndpoints;
import io.voicegate.http.OpenAiRestSettings;
import io.voicegate.http.OpenAiRestUseCases;
import io.voicegate.http.OpenAiUpstream;
import io.voicegate.http.OpenSockets;
import io.voicegate.launcher.config.ConfigException;
import io.voicegate.launcher.config.OpenAiConfig;
import io.voicegate.core.realtime.WebSocketConnector;
import io.voicegate.openai.OpenAiRealtime;
import io.voicegate.openai.OpenAiRealtimePolicy;
import io.voicegate.openai.OpenAiRelayProtocol;
import io.voicegate.openai.OpenAiRest;
import io.voicegate.openai.OpenAiSettings;
import io.voicegate.openai.OpenAiVoiceProvider;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenAI wired by hand: a JDK HttpClient for REST, the shared upstream WebSocket connector for realtime, the operator's policy with the server tools
 * {@code OPENAI_TOOLS} names, the provider behind {@code POST /api/v1/sessions} and the realtime relay route. Without
 * {@code OPENAI_API_KEY} the provider is listed as not configured and the relay route answers 503. Owns the threads
 * server tools run on; {@link #close()} stops them.
 */
final class OpenAiWiring implements AutoCloseable {

    static final String TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

    private final OpenAiConfig config;
    private final Optional<Api> api;
    private final ExecutorService toolThreads;
    private final RelayLimits limits;
    private final Clock clock;

    /** What exists only with a key. */
    private record Api(OpenAiSettings settings, OpenAiRealtime realtime, OpenAiRest rest, OpenAiRealtimePolicy policy,
                       ToolRegistry tools, OpenAiVoiceProvider provider) {
    }

    private OpenAiWiring(OpenAiConfig config, Optional<Api> api, RelayLimits limits, Clock clock) {
        this.config = config;
        this.api = api;
        this.limits = limits;
        this.clock = clock;
        this.toolThreads = Executors.newFixedThreadPool(4, daemon("voicegate-openai-tool-"));
    }

    /** @param serverTools every server tool Voicegate knows; {@code OPENAI_TOOLS} picks the offered ones */
    static OpenAiWiring create(OpenAiConfig config, SessionPolicy sessions, List<Tool> serverTools,
                               WebSocketConnector connector, Clock clock) {
        var known = ToolRegistry.of(serverTools);
        var unknown = new HashSet<>(config.tools());
        known.tools().forEach(t -> unknown.remove(t.name()));
        if (!unknown.isEmpty()) {
            throw new ConfigException(OpenAiConfig.TOOLS, "names of registered tools ("
                    + String.join(", ", known.tools().stream().map(Tool::name).toList()) + ")", String.join(",", unknown));
        }
        var limits = RelayWiring.limits(sessions);
        var api = config.api().map(settings -> {
            var http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
            var tools = known.only(config.tools());
            var policy = new OpenAiRealtimePolicy(new HashSet<>(config.models()), config.instructions(), config.voice(),
                    tools.tools(), true, TRANSCRIPTION_MODEL);
            var rest = new OpenAiRest(http, settings);
            return new Api(settings, new OpenAiRealtime(connector, settings), rest, policy, tools,
                    new OpenAiVoiceProvider(rest, settings, policy, config.models(), config.clientSecretTtl(), clock));
        });
        return new OpenAiWiring(config, api, limits, clock);
    }

    boolean configured() {
        return api.isPresent();
    }

    /** The provider {@code POST /api/v1/sessions} mints with; a placeholder answering 503 without a key. */
    VoiceProvider provider() {
        return api.<VoiceProvider>map(Api::provider).orElseGet(() -> new UnconfiguredProvider("openai",
                new Capabilities(true, true, false),
                List.of(ConnectionMode.RELAY, ConnectionMode.WEBRTC, ConnectionMode.WEBSOCKET)));
    }

    /** The REST client, for the {@code /openai/v1} REST routes; empty without a key. */
    Optional<OpenAiRest> rest() {
        return api.map(Api::rest);
    }

    /** The policy every OpenAI session gets; empty without a key. */
    Optional<OpenAiRealtimePolicy> policy() {
        return api.map(Api::policy);
    }

    RelayLimits limits() {
        return limits;
    }

    /** The relay route {@code /openai/v1/realtime}: relays run in {@code relays}, recorded by {@code sessions}. */
    Endpoints relayEndpoints(Authenticator authenticator, Guards guards, ConsentGate consent, OpenSockets sockets,
                             Relays relays, RelaySessions sessions) {
        if (api.isEmpty()) return OpenAiEndpoints.notConfigured();
        var wired = api.get();
        var openRelay = new OpenRelay(new RunTool(wired.tools()), relays, clock, toolThreads);
        return new OpenAiEndpoints(authenticator, guards, consent, sockets, openRelay,
                model -> new RelayTarget(wired.realtime().session(model), OpenAiRelayProtocol.of(wired.policy(), model)),
                sessions, new OpenAiRelaySettings(new HashSet<>(config.models()), limits));
    }

    /**
     * The REST routes under {@code /openai/v1} (client secrets, WebRTC calls with their sideband, chat, speech,
     * models); without a key they answer 503. Call sidebands run in {@code relays}, so the relay control ends them
     * (maximum duration, consent withdrawn, quota) and the call is hung up.
     */
    Endpoints restEndpoints(Authenticator authenticator, Guards guards, OpenAiRestUseCases useCases, Relays relays) {
        var settings = new OpenAiRestSettings(config.models(), config.voice(), config.instructions(),
                api.map(a -> a.tools().tools()).orElse(List.of()), TRANSCRIPTION_MODEL, config.clientSecretTtl(), limits);
        OpenAiUpstream upstream = api.<OpenAiUpstream>map(a -> new OpenAiRestUpstream(a.rest(), a.realtime(), a.policy()))
                .orElseGet(OpenAiUpstream::unconfigured);
        var openRelay = new OpenRelay(new RunTool(api.map(Api::tools).orElse(ToolRegistry.empty())), relays, clock, toolThreads);
        var calls = new OpenAiCalls(upstream, openRelay, settings, toolThreads);
        return new OpenAiRestEndpoints(authenticator, guards, useCases, upstream, calls, settings);
    }

    @Override
    public void close() {
        toolThreads.shutdownNow();
        try {
            toolThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String prefix) {
        var count = new AtomicInteger();
        return runnable -> {
            var thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
