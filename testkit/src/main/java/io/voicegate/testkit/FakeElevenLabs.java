package io.voicegate.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake ElevenLabs Agents platform on loopback speaking the real protocol (shared/protocols/elevenlabs.md):
 * the signed-URL and conversation-token endpoints (checking {@code xi-api-key}), and the conversation WebSocket
 * (initiation handshake, pings expecting pongs, audio in → transcript, agent response and audio out, a scripted
 * client tool call). Signatures are single-use and expire after 15 minutes of the injected clock. Needs no test
 * library, so the launcher's simulated mode can run it. Thread-safe.
 */
public final class FakeElevenLabs implements AutoCloseable {

    static final Duration SIGNED_URL_LIFETIME = Duration.ofMinutes(15);
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    /** One REST call as the fake saw it; the key itself is never recorded, only whether it was right. */
    public record RecordedRequest(String method, String path, Map<String, String> query, boolean authorised) {
    }

    /** A scripted {@code client_tool_call} sent after the first agent response of each conversation. */
    public record ScriptedToolCall(String toolName, String parametersJson) {
    }

    private record Signature(String agentId, String conversationId, Instant expiresAt) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final String apiKey;
    private final Clock clock;
    private final Javalin app;
    private final ScheduledExecutorService timers;
    private final AtomicInteger conversationCounter = new AtomicInteger();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Signature> signatures = new ConcurrentHashMap<>();
    private final Map<String, FakeElevenLabsConversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, FakeElevenLabsConversation> bySocket = new ConcurrentHashMap<>();

    private volatile FakeElevenLabsConversation.Script script = FakeElevenLabsConversation.Script.defaults();
    private volatile int failRestWith;

    private FakeElevenLabs(String apiKey, Clock clock) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "fake-elevenlabs-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get("/v1/convai/conversation/get-signed-url", this::signedUrl);
            config.routes.get("/v1/convai/conversation/token", this::token);
            config.routes.wsBeforeUpgrade("/v1/convai/conversation", this::checkUpgrade);
            config.routes.ws("/v1/convai/conversation", this::conversation);
        });
    }

    /** Starts on a random loopback port, accepting {@code apiKey}, with the system clock. */
    public static FakeElevenLabs start(String apiKey) {
        return start(apiKey, Clock.systemUTC());
    }

    public static FakeElevenLabs start(String apiKey, Clock clock) {
        var fake = new FakeElevenLabs(apiKey, clock);
        fake.app.start("127.0.0.1", 0);
        return fake;
    }

    /** What a client uses as {@code ELEVENLABS_BASE_URL}, e.g. {@code http://127.0.0.1:50123}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** Replaces the conversation script for conversations opened from now on. */
    public FakeElevenLabs script(FakeElevenLabsConversation.Script script) {
        this.script = Objects.requireNonNull(script, "script");
        return this;
    }

    /** Makes every REST call answer this status (0 restores normal answers), to test upstream failures. */
    public FakeElevenLabs failRestCallsWith(int status) {
        this.failRestWith = status;
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public Optional<FakeElevenLabsConversation> conversation(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    public List<FakeElevenLabsConversation> conversations() {
        return List.copyOf(conversations.values());
    }

    @Override
    public void close() {
        conversations.values().forEach(c -> c.end(1001, "fake shutting down"));
        timers.shutdownNow();
        app.stop();
    }

    private boolean admit(Context ctx) {
        boolean authorised = apiKey.equals(ctx.header("xi-api-key"));
        var query = new LinkedHashMap<String, String>();
        ctx.queryParamMap().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        requests.add(new RecordedRequest(ctx.method().name(), ctx.path(), query, authorised));
        if (!authorised) {
            ctx.status(401).contentType("application/json")
                    .result("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}");
            return false;
        }
        if (failRestWith != 0) {
            ctx.status(failRestWith).contentType("application/json")
                    .result("{\"detail\":{\"status\":\"simulated_failure\",\"message\":\"Simulated failure\"}}");
            return false;
        }
        var agentId = ctx.queryParam("agent_id");
        if (agentId == null || agentId.isBlank()) {
            ctx.status(422).contentType("application/json")
                    .result("{\"detail\":[{\"loc\":[\"query\",\"agent_id\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]}");
            return false;
        }
        return true;
    }

    private void signedUrl(Context ctx) throws Exception {
        if (!admit(ctx)) return;
        var agentId = ctx.queryParam("agent_id");
        var signature = randomToken();
        signatures.put(signature, new Signature(agentId, newConversationId(), clock.instant().plus(SIGNED_URL_LIFETIME)));
        var url = "ws://127.0.0.1:" + app.port() + "/v1/convai/conversation?agent_id="
                + URLEncoder.encode(agentId, StandardCharsets.UTF_8) + "&conversation_signature=" + signature;
        ctx.contentType("application/json").result(json.writeValueAsString(Map.of("signed_url", url)));
    }

    private void token(Context ctx) throws Exception {
        if (!admit(ctx)) return;
        var body = new LinkedHashMap<String, Object>();
        body.put("token", "lk." + randomToken());
        body.put("conversation_id", newConversationId());
        ctx.contentType("application/json").result(json.writeValueAsString(body));
    }

    /** Rejects an upgrade without a live, unused signature for the agent it names (HTTP 4xx, as the real one). */
    private void checkUpgrade(Context ctx) {
        var agentId = ctx.queryParam("agent_id");
        var presented = Optional.ofNullable(ctx.queryParam("conversation_signature")).orElse(ctx.queryParam("token"));
        var signature = presented == null ? null : signatures.get(presented);
        if (agentId == null || signature == null || !signature.agentId().equals(agentId)
                || clock.instant().isAfter(signature.expiresAt())) {
            ctx.status(403).result("conversation signature missing, unknown, used or expired").skipRemainingHandlers();
            return;
        }
        signatures.remove(presented); // single use
        ctx.attribute("fake.conversation_id", signature.conversationId());
        ctx.attribute("fake.agent_id", agentId);
    }

    private void conversation(WsConfig ws) {
        ws.onConnect(ctx -> {
            String conversationId = ctx.attribute("fake.conversation_id");
            String agentId = ctx.attribute("fake.agent_id");
            var conversation = new FakeElevenLabsConversation(conversationId, agentId, script, ctx, json, timers);
            conversations.put(conversationId, conversation);
            bySocket.put(ctx.sessionId(), conversation);
        });
        ws.onMessage(ctx -> {
            var conversation = bySocket.get(ctx.sessionId());
            if (conversation != null) conversation.receive(ctx.message());
        });
        ws.onClose(ctx -> {
            var conversation = bySocket.remove(ctx.sessionId());
            if (conversation != null) conversation.closedBy(ctx.status(), ctx.reason());
        });
        ws.onError(ctx -> {
            var conversation = bySocket.remove(ctx.sessionId());
            if (conversation != null) conversation.closedBy(1006, "transport error");
        });
    }

    private String newConversationId() {
        return "conv_fake" + String.format("%04d", conversationCounter.incrementAndGet()) + randomToken().substring(0, 8);
    }

    private String randomToken() {
        var bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    }
}
