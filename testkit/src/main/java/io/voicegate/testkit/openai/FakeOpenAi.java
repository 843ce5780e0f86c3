package io.voicegate.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fake OpenAI on loopback that speaks the real wire protocols (docs: shared/protocols/openai.md): the GA Realtime
 * WebSocket with simulated server VAD, client secrets, WebRTC calls with a sideband socket and hangup, chat
 * completions (SSE and JSON) and speech. It records what it receives and takes scripting knobs (replies, function
 * calls, paced audio, failures on demand, an abrupt drop). Plain Java, no test library: the launcher's simulated
 * mode runs it. Thread-safe; knobs may be turned while clients are connected.
 */
public final class FakeOpenAi implements AutoCloseable {

    public static final String DEFAULT_API_KEY = "sk-fake-voicegate-0000";

    /** How an invalid key is refused on the realtime socket: with HTTP 401 before the upgrade, or in-band. */
    public enum AuthFailure { BEFORE_UPGRADE, IN_BAND }

    /** A function call the next response makes instead of speaking. */
    public record ScriptedCall(String name, String arguments) {
        public ScriptedCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** {@code quotaExhausted}: a 429 with OpenAI's {@code insufficient_quota} body instead of a rate limit. */
    record Failure(int status, Duration retryAfter, boolean quotaExhausted) {
    }

    final String apiKey;
    final ScheduledExecutorService timers;
    private final Javalin app;
    private final AtomicInteger connectionCounter = new AtomicInteger();

    // Scripting knobs.
    volatile String replyText;
    volatile String userTranscript = "Hello, can you hear me?";
    volatile String chatReply = "Hello from the simulated model.";
    volatile int audioDeltaCount = 3;
    volatile int audioDeltaBytes = 960;
    volatile Duration audioPace = Duration.ZERO;
    volatile boolean echoAudio;
    volatile boolean stampEchoes;
    volatile boolean holdResponses;
    volatile boolean holdStreams;
    volatile boolean recordFrames = true;
    volatile Duration maxSessionDuration = Duration.ofMinutes(60);
    volatile AuthFailure authFailure = AuthFailure.BEFORE_UPGRADE;
    final ConcurrentLinkedQueue<ScriptedCall> scriptedCalls = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    // State and records.
    final Map<String, ObjectNode> clientSecrets = new ConcurrentHashMap<>();
    final Map<String, FakeCall> calls = new ConcurrentHashMap<>();
    final Map<String, FakeRealtimeConnection> connections = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedFrame> frames = new CopyOnWriteArrayList<>();
    private final Object frameMonitor = new Object();

    private final boolean tls;

    private FakeOpenAi(String apiKey, boolean tls) {
        this.apiKey = apiKey;
        this.tls = tls;
        this.timers = Executors.newScheduledThreadPool(2, runnable -> {
            var thread = new Thread(runnable, "fake-openai-timer");
            thread.setDaemon(true);
            return thread;
        });
        var rest = new FakeOpenAiRest(this);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(Duration.ofMinutes(10)));
            rest.addTo(config.routes);
            config.routes.wsBeforeUpgrade("/v1/realtime", this::beforeUpgrade);
            config.routes.ws("/v1/realtime", this::realtime);
        });
    }

    /** Starts a fake that accepts {@link #DEFAULT_API_KEY} on an ephemeral loopback port. */
    public static FakeOpenAi start() {
        return start(DEFAULT_API_KEY);
    }

    public static FakeOpenAi start(String apiKey) {
        var fake = new FakeOpenAi(apiKey, false);
        fake.app.start("127.0.0.1", 0);
        return fake;
    }

    /** Starts a fake that speaks HTTPS and WSS only, with this key store's certificate (see {@link TestCertificates}). */
    public static FakeOpenAi startTls(String apiKey, java.security.KeyStore keyStore, char[] password) {
        var fake = new FakeOpenAi(apiKey, true);
        fake.app.unsafe.jetty.addConnector((server, httpConfig) -> {
            var ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            ssl.setKeyStore(keyStore);
            ssl.setKeyStorePassword(new String(password));
            var https = new org.eclipse.jetty.server.HttpConfiguration(httpConfig);
            var secure = new org.eclipse.jetty.server.SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            var connector = new ServerConnector(server, ssl, new org.eclipse.jetty.server.HttpConnectionFactory(https));
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            return connector;
        });
        fake.app.start();
        return fake;
    }

    public int port() {
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc) return sc.getLocalPort();
        }
        throw new IllegalStateException("fake OpenAI is not listening");
    }

    /** The REST base URL, as an SDK's {@code baseURL}: {@code http://127.0.0.1:PORT/v1} ({@code https} with TLS). */
    public String baseUrl() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port() + "/v1";
    }

    public URI realtimeUri(String model) {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port() + "/v1/realtime?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
    }

    public URI sidebandUri(String callId) {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port() + "/v1/realtime?call_id=" + URLEncoder.encode(callId, StandardCharsets.UTF_8));
    }

    public String apiKey() {
        return apiKey;
    }

    // ---- scripting knobs -------------------------------------------------------------------------------------

    /** Every assistant reply says this; by default the reply reflects what it answers ("You said: ..."). */
    public FakeOpenAi replyWith(String text) {
        this.replyText = text;
        return this;
    }

    /** What the input transcription of a user audio turn says. */
    public FakeOpenAi transcribeUserAudioAs(String text) {
        this.userTranscript = Objects.requireNonNull(text);
        return this;
    }

    public FakeOpenAi chatReplyWith(String text) {
        this.chatReply = Objects.requireNonNull(text);
        return this;
    }

    /** Each audio response carries {@code count} output_audio.delta frames of {@code bytes} bytes of audio. */
    public FakeOpenAi audioDeltas(int count, int bytes) {
        if (count < 1 || bytes < 2) throw new IllegalArgumentException("count >= 1 and bytes >= 2");
        this.audioDeltaCount = count;
        this.audioDeltaBytes = bytes;
        return this;
    }

    /** Sends audio deltas one per {@code interval} (e.g. 20 ms), as a real model streams; zero sends at once. */
    public FakeOpenAi paceAudio(Duration interval) {
        this.audioPace = Objects.requireNonNull(interval);
        return this;
    }

    /** Answers each input_audio_buffer.append at once with an output_audio.delta of the same size (benchmarks). */
    public FakeOpenAi echoAudio(boolean on) {
        this.echoAudio = on;
        return this;
    }

    /**
     * With {@link #echoAudio}: each echo's {@code event_id} is the client's followed by {@code .} and the fake's
     * {@code System.nanoTime()} when it answers, so a benchmark measures each direction of a relay on its own.
     */
    public FakeOpenAi stampEchoes(boolean on) {
        this.stampEchoes = on;
        return this;
    }

    /** The next response calls this function (argument deltas, then done) instead of speaking. One-shot, queued. */
    public FakeOpenAi nextResponseCalls(String functionName, String argumentsJson) {
        scriptedCalls.add(new ScriptedCall(functionName, argumentsJson));
        return this;
    }

    /** Responses stop after response.created until {@link #releaseResponses()}, so they can be seen active. */
    public FakeOpenAi holdResponses() {
        this.holdResponses = true;
        return this;
    }

    public FakeOpenAi releaseResponses() {
        this.holdResponses = false;
        for (var connection : connections.values()) connection.resume();
        return this;
    }

    /** Streams (chat SSE, speech) pause after their first chunk until {@link #releaseStreams()}. */
    public FakeOpenAi holdStreams() {
        this.holdStreams = true;
        return this;
    }

    public FakeOpenAi releaseStreams() {
        synchronized (this) {
            this.holdStreams = false;
            notifyAll();
        }
        return this;
    }

    /** Shortens OpenAI's 60-minute session cap; at the cap the socket closes with 1001. Applies to new sockets. */
    public FakeOpenAi maxSessionDuration(Duration duration) {
        this.maxSessionDuration = Objects.requireNonNull(duration);
        return this;
    }

    public FakeOpenAi authFailure(AuthFailure style) {
        this.authFailure = Objects.requireNonNull(style);
        return this;
    }

    /** Keep (default) or stop recording WebSocket frames; benchmarks turn it off. */
    public FakeOpenAi recordFrames(boolean on) {
        this.recordFrames = on;
        return this;
    }

    /** The next HTTP request (REST call or WebSocket upgrade) fails with this status and an OpenAI error body. */
    public FakeOpenAi failNextRequest(int status) {
        failures.add(new Failure(status, null, false));
        return this;
    }

    /** The next request fails with 429 and {@code Retry-After}. */
    public FakeOpenAi failNextRequestWithRateLimit(Duration retryAfter) {
        failures.add(new Failure(429, retryAfter, false));
        return this;
    }

    /** The next request fails with 429 {@code insufficient_quota}: the account has no credit left (no Retry-After). */
    public FakeOpenAi failNextRequestWithInsufficientQuota() {
        failures.add(new Failure(429, null, true));
        return this;
    }

    /** Cuts every open realtime socket without a close frame, as a network failure would. */
    public FakeOpenAi dropConnections() {
        for (var connection : connections.values()) connection.drop();
        return this;
    }

    /** Closes every open realtime socket with this code and reason. */
    public FakeOpenAi closeConnections(int code, String reason) {
        for (var connection : connections.values()) connection.close(code, reason);
        return this;
    }

    /**
     * Simulates the caller speaking on a WebRTC call: every sideband socket of the call sees the user turn (with
     * this transcript) and the assistant's answer (transcript only; the audio went over the peer connection).
     */
    public FakeOpenAi speakOnCall(String callId, String userText) {
        var call = calls.get(callId);
        if (call == null) throw new IllegalArgumentException("no such call: " + callId);
        for (var connection : connections.values()) {
            if (callId.equals(connection.callId())) connection.simulateUserSpeech(userText);
        }
        return this;
    }

    // ---- records ---------------------------------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests to one path, e.g. {@code /v1/chat/completions}. */
    public List<RecordedRequest> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<RecordedFrame> frames() {
        return List.copyOf(frames);
    }

    public List<RecordedFrame> framesFromClients() {
        return frames.stream().filter(f -> f.direction() == RecordedFrame.Direction.FROM_CLIENT).toList();
    }

    /** Waits until a recorded frame matches, up to the timeout; empty when none did. */
    public Optional<RecordedFrame> awaitFrame(Predicate<RecordedFrame> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (frameMonitor) {
            while (true) {
                for (var frame : frames) if (match.test(frame)) return Optional.of(frame);
                long left = deadline - System.nanoTime();
                if (left <= 0) return Optional.empty();
                try {
                    TimeUnit.NANOSECONDS.timedWait(frameMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /** Waits for a frame from a client with this event type. */
    public Optional<RecordedFrame> awaitClientEvent(String type, Duration timeout) {
        return awaitFrame(f -> f.direction() == RecordedFrame.Direction.FROM_CLIENT && f.type().equals(type), timeout);
    }

    /** Realtime sockets open right now. */
    public int openConnections() {
        return connections.size();
    }

    /** Calls created and not hung up, by id. */
    public Collection<String> activeCalls() {
        return calls.values().stream().filter(c -> !c.hungUp()).map(FakeCall::id).toList();
    }

    public Optional<String> lastCallId() {
        var all = new ArrayList<>(calls.values());
        return all.stream().max(java.util.Comparator.comparingLong(FakeCall::sequence)).map(FakeCall::id);
    }

    @Override
    public void close() {
        for (var connection : connections.values()) connection.close(1001, "server shutting down");
        app.stop();
        timers.shutdownNow();
    }

    // ---- internals shared with the connection and REST handlers ----------------------------------------------

    /**
     * Resets the TCP connection of this peer at once (RST, as a failing network or a crashed server does); a
     * WebSocket disconnect alone sends a FIN, which the JDK client does not always notice.
     */
    void cutConnection(java.net.SocketAddress peer) {
        for (var connector : app.jettyServer().server().getConnectors()) {
            for (var endPoint : connector.getConnectedEndPoints()) {
                if (peer == null || !peer.equals(endPoint.getRemoteSocketAddress())) continue;
                if (endPoint.getTransport() instanceof java.nio.channels.SocketChannel channel) {
                    try {
                        channel.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
                    } catch (java.io.IOException ignored) {
                        // Already closed: nothing to reset.
                    }
                }
                endPoint.close();
            }
        }
    }

    void record(Context ctx) {
        var headers = new LinkedHashMap<String, List<String>>();
        for (var name : java.util.Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), java.util.Collections.list(ctx.req().getHeaders(name)));
        }
        byte[] body = ctx.header("Sec-WebSocket-Version") != null ? new byte[0] : ctx.bodyAsBytes();
        requests.add(new RecordedRequest(ctx.method().name(), ctx.path(), ctx.queryString(), headers, body));
    }

    void recordFrame(String connectionId, RecordedFrame.Direction direction, String text) {
        if (!recordFrames) return;
        frames.add(new RecordedFrame(connectionId, direction, text));
        synchronized (frameMonitor) {
            frameMonitor.notifyAll();
        }
    }

    /** Blocks a stream after its first chunk while streams are held. */
    synchronized void awaitStreamRelease() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (holdStreams) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** True when the credential is the API key or a live ephemeral key. */
    boolean accepts(String credential, boolean ephemeralAllowed) {
        if (credential == null) return false;
        if (credential.equals(apiKey)) return true;
        return ephemeralAllowed && clientSecrets.containsKey(credential);
    }

    static Optional<String> bearer(Context ctx) {
        var header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        var token = header.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    static List<String> offeredSubprotocols(Context ctx) {
        var header = ctx.header("Sec-WebSocket-Protocol");
        if (header == null) return List.of();
        return java.util.Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void beforeUpgrade(Context ctx) {
        record(ctx);
        if (FakeOpenAiRest.failIfScripted(this, ctx)) {
            ctx.skipRemainingHandlers();
            return;
        }
        var offered = offeredSubprotocols(ctx);
        var credential = bearer(ctx).orElseGet(() -> offered.stream()
                .filter(p -> p.startsWith("openai-insecure-api-key.")).findFirst()
                .map(p -> p.substring("openai-insecure-api-key.".length())).orElse(null));
        var callId = ctx.queryParam("call_id");
        boolean valid = accepts(credential, callId == null);
        if (!valid && authFailure == AuthFailure.BEFORE_UPGRADE) {
            var message = credential == null ? "Missing bearer or basic authentication in header"
                    : "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.";
            FakeOpenAiRest.error(ctx, 401, message, "invalid_request_error", null, "invalid_api_key");
            ctx.skipRemainingHandlers();
            return;
        }
        if (callId != null && !calls.containsKey(callId)) {
            FakeOpenAiRest.error(ctx, 404, "No session found for the provided call_id", "invalid_request_error", "", "call_id_not_found");
            ctx.skipRemainingHandlers();
            return;
        }
        if (callId == null && ctx.queryParam("model") == null && ctx.queryParam("intent") == null) {
            FakeOpenAiRest.error(ctx, 400, "Missing required parameter: 'model'.", "invalid_request_error", "model", "missing_required_parameter");
            ctx.skipRemainingHandlers();
            return;
        }
        if (!offered.isEmpty()) ctx.header("Sec-WebSocket-Protocol", "realtime");
        boolean beta = Optional.ofNullable(ctx.header("OpenAI-Beta")).map(h -> h.contains("realtime")).orElse(false)
                || offered.contains("openai-beta.realtime-v1");
        ctx.attribute("fake.valid", valid);
        ctx.attribute("fake.beta", beta);
        ctx.attribute("fake.credential", credential);
    }

    private void realtime(WsConfig ws) {
        ws.onConnect(ctx -> {
            var id = "conn_" + connectionCounter.incrementAndGet();
            var connection = new FakeRealtimeConnection(this, id, ctx);
            connections.put(id, connection);
            ctx.attribute("fake.connection", connection);
            connection.open(Boolean.TRUE.equals(ctx.attribute("fake.valid")), Boolean.TRUE.equals(ctx.attribute("fake.beta")),
                    ctx.attribute("fake.credential"), ctx.queryParam("model"), ctx.queryParam("call_id"), ctx.queryParam("intent"));
        });
        ws.onMessage(ctx -> {
            FakeRealtimeConnection connection = ctx.attribute("fake.connection");
            if (connection != null) connection.receive(ctx.message());
        });
        ws.onClose(ctx -> {
            FakeRealtimeConnection connection = ctx.attribute("fake.connection");
            if (connection != null) {
                connection.closed();
                connections.remove(connection.id());
            }
        });
        ws.onError(ctx -> {
            FakeRealtimeConnection connection = ctx.attribute("fake.connection");
            if (connection != null) {
                connection.closed();
                connections.remove(connection.id());
            }
        });
    }
}
