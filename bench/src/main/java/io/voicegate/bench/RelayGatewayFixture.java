package io.voicegate.bench;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.limits.RateLimit;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayTarget;
import io.voicegate.core.realtime.WebSocketConnector;
import io.voicegate.core.realtime.Relays;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.http.Authenticator;
import io.voicegate.http.CaffeineRateLimiter;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.Guards;
import io.voicegate.http.HttpApi;
import io.voicegate.http.SocketWebSocketConnector;
import io.voicegate.http.HttpListeners;
import io.voicegate.http.HttpSettings;
import io.voicegate.http.OpenAiEndpoints;
import io.voicegate.http.OpenAiRelaySettings;
import io.voicegate.http.OpenSockets;
import io.voicegate.http.OriginPolicy;
import io.voicegate.openai.OpenAiRealtime;
import io.voicegate.openai.OpenAiRealtimePolicy;
import io.voicegate.openai.OpenAiRelayProtocol;
import io.voicegate.openai.OpenAiSettings;
import io.voicegate.testkit.Consents;
import io.voicegate.testkit.InMemoryConsentStore;
import io.voicegate.testkit.JdkWebSocketConnector;
import io.voicegate.testkit.StaticTokenVerifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * BENCH FIXTURE, not the product: the OpenAI realtime relay assembled from the same parts the launcher wires
 * ({@link HttpApi} + {@link OpenAiEndpoints} + core's {@link OpenRelay} + {@link OpenAiRealtime} with the OpenAI
 * event reader and session policy), with a static token verifier and no session recording, until the launcher wires
 * the relay itself. Run in-process by the smoke test, or as its own (pinned) process by {@link RelayBench}: then it
 * prints {@code gateway-ready <port> <token>} and stops when its standard input closes.
 */
public final class RelayGatewayFixture implements AutoCloseable {

    static final String MODEL = "gpt-realtime";

    private final HttpApi api;
    private final String token;
    private final ScheduledExecutorService timeouts;
    private final ExecutorService toolExecutor;
    private final AutoCloseable connector;
    /**
     * System property: the gateway's handlers on virtual threads where the JDK has them, as the launcher's
     * {@code VIRTUAL_THREADS} does; off by default like there, {@code -Dbench.virtualThreads=true} to compare.
     */
    public static final String VIRTUAL_THREADS = "bench.virtualThreads";

    private RelayGatewayFixture(HttpApi api, String token, ScheduledExecutorService timeouts, ExecutorService toolExecutor,
                                AutoCloseable connector) {
        this.api = api;
        this.connector = connector;
        this.token = token;
        this.timeouts = timeouts;
        this.toolExecutor = toolExecutor;
    }

    /** Relays {@code /openai/v1/realtime} to the OpenAI-compatible base URL (e.g. the fake's) with this key. */
    public static RelayGatewayFixture start(String openAiBaseUrl, String apiKey) {
        return start(openAiBaseUrl, apiKey, Upstream.SOCKET);
    }

    /**
     * The WebSocket client that opens the upstreams: the product's ({@code SOCKET}), or to compare, Jetty's (the
     * product's before 2026-11-22 evening; the upstream reader threads are virtual with
     * {@code -Dbench.upstreamVirtualThreads=true}) or the JDK's.
     */
    public enum Upstream { JETTY, SOCKET, JDK, JDK_DIRECT }

    /** As above, with the chosen upstream WebSocket client. */
    public static RelayGatewayFixture start(String openAiBaseUrl, String apiKey, Upstream upstream) {
        WebSocketConnector connector;
        AutoCloseable stopConnector = () -> { };
        switch (upstream) {
            case JETTY -> {
                var jetty = JettyWebSocketConnector.start(virtualThreads());
                connector = jetty;
                stopConnector = jetty;
            }
            case SOCKET -> {
                var sockets = SocketWebSocketConnector.start(Duration.ofSeconds(10),
                        Boolean.getBoolean("bench.upstreamVirtualThreads") ? SocketWebSocketConnector.Readers.VIRTUAL_THREADS : SocketWebSocketConnector.Readers.PLATFORM_THREADS);
                connector = sockets;
                stopConnector = sockets;
            }
            case JDK -> connector = new JdkWebSocketConnector(HttpClient.newHttpClient());
            default -> connector = new JdkWebSocketConnector(HttpClient.newBuilder().executor(Runnable::run).build());
        }
        var clock = Clock.systemUTC();
        var tokens = new StaticTokenVerifier();
        var user = new UserId(UUID.randomUUID());
        var token = tokens.issue(user, Instant.now());
        var consents = new InMemoryConsentStore();
        Consents.grantAll(consents, user, Instant.now());
        var unlimited = RateLimit.perMinute(1_000_000);
        var guards = new Guards(new OriginPolicy(List.of()), new CaffeineRateLimiter(clock, Duration.ofMinutes(1), 100_000),
                ClientAddresses.direct(), new Guards.Limits(unlimited, unlimited, unlimited));
        var relays = new Relays();
        var timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "relay-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timeouts.scheduleAtFixedRate(relays::checkTimeouts, 1, 1, TimeUnit.SECONDS);
        var toolExecutor = Executors.newCachedThreadPool();
        var realtime = new OpenAiRealtime(connector, OpenAiSettings.of(URI.create(openAiBaseUrl), apiKey));
        var policy = OpenAiRealtimePolicy.allowing(MODEL);
        var sockets = new OpenSockets();
        var endpoints = new OpenAiEndpoints(new Authenticator(tokens, "vg_access"), guards,
                new ConsentGate(consents, ConsentPolicy.defaults()), sockets,
                new OpenRelay(new RunTool(ToolRegistry.empty()), relays, clock, toolExecutor),
                model -> new RelayTarget(realtime.session(model), OpenAiRelayProtocol.of(policy, model)),
                RelaySessions.untracked(IdGenerator.random()),
                new OpenAiRelaySettings(Set.of(MODEL), RelayLimits.defaults()));
        var api = HttpApi.create(HttpSettings.defaults().withVirtualThreads(virtualThreads()), List.of(endpoints), sockets)
                .start(HttpListeners.loopback(), Duration.ofSeconds(2));
        return new RelayGatewayFixture(api, token, timeouts, toolExecutor, stopConnector);
    }

    public int port() {
        return api.port();
    }

    /** A bearer token the gateway accepts. */
    public String token() {
        return token;
    }

    public URI realtimeUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/openai/v1/realtime?model=" + MODEL);
    }

    @Override
    public void close() {
        api.stop("benchmark over");
        timeouts.shutdownNow();
        toolExecutor.shutdownNow();
        try {
            connector.close();
        } catch (Exception ignored) {
            // The benchmark is over.
        }
    }

    /** {@code RelayGatewayFixture <openai base url> <api key> [jetty|jdk|jdk_direct]}. */
    public static void main(String[] args) throws Exception {
        var upstream = args.length > 2 ? Upstream.valueOf(args[2].toUpperCase(java.util.Locale.ROOT)) : Upstream.SOCKET;
        try (var gateway = start(args[0], args[1], upstream)) {
            System.out.println("gateway-ready " + gateway.port() + " " + gateway.token());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the benchmark closes our standard input.
            }
        }
    }

    private static boolean virtualThreads() {
        return Boolean.getBoolean(VIRTUAL_THREADS);
    }
}
