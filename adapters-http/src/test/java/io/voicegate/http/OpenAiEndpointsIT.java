package io.voicegate.http;

import io.voicegate.core.consent.Consent;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.limits.RateLimit;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.RelayObserver;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.Relays;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.testkit.InMemoryConsentStore;
import io.voicegate.testkit.StaticTokenVerifier;
import io.voicegate.testkit.openai.FakeOpenAi;
import io.voicegate.testkit.openai.JdkRealtimeClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenAI-compatible realtime relay over real sockets: JDK WebSocket client → gateway → fake OpenAI. */
class OpenAiEndpointsIT {

    /** A small window and a short stall limit, so a client that stops reading is found quickly. */
    private static final RelayLimits LIMITS = new RelayLimits(Duration.ofMinutes(30), Duration.ofSeconds(120), 8,
            Duration.ofMillis(500));

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final SocketWebSocketConnector connector = SocketWebSocketConnector.start(java.time.Duration.ofSeconds(10));
    private final StaticTokenVerifier tokens = new StaticTokenVerifier();
    private final UserId user = new UserId(UUID.randomUUID());
    private final String token = tokens.issue(user, Instant.now());
    private final InMemoryConsentStore consents = new InMemoryConsentStore();
    private final Relays relays = new Relays();
    private final OpenSockets sockets = new OpenSockets();
    private final List<FrameMeaning.TranscriptTurn> turns = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RelayEnd> ended = new CompletableFuture<>();
    private final HttpApi api;
    private volatile boolean targetsBroken;

    OpenAiEndpointsIT() {
        RelayObserver observer = new RelayObserver() {
            @Override
            public void turn(FrameMeaning.TranscriptTurn turn) {
                turns.add(turn);
            }

            @Override
            public void ended(RelayEnd end) {
                ended.complete(end);
            }
        };
        RelaySessions sessions = (caller, provider, model) -> new RelaySessions.RelaySession("ref-" + caller.user(), observer);
        var origins = new OriginPolicy(List.of("https://app.example.com"));
        var guards = new Guards(origins, new CaffeineRateLimiter(Clock.systemUTC(), Duration.ofMinutes(1), 1000),
                ClientAddresses.direct(), new Guards.Limits(RateLimit.perMinute(100), RateLimit.perMinute(100), RateLimit.perMinute(100)));
        consents.append(new Consent(UUID.randomUUID(), user, Purpose.VOICE_PROCESSING, 1, true, Instant.now(), Optional.empty()));
        var endpoints = new OpenAiEndpoints(new Authenticator(tokens, "vg_access"), guards,
                new ConsentGate(consents, ConsentPolicy.defaults()), sockets,
                new OpenRelay(new RunTool(ToolRegistry.empty()), relays, Clock.systemUTC(), Runnable::run),
                model -> {
                    if (targetsBroken) throw new IllegalStateException("no target");
                    return TestUpstream.target(connector, fake.realtimeUri(model), fake.apiKey());
                }, sessions,
                new OpenAiRelaySettings(Set.of("gpt-realtime"), LIMITS));
        api = HttpApi.create(HttpSettings.defaults(), List.of(endpoints), sockets).start(HttpListeners.loopback(), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        connector.close();
        api.stop("test over");
        fake.close();
    }

    private URI realtime(String model) {
        return URI.create("ws://127.0.0.1:" + api.port() + "/openai/v1/realtime?model=" + model);
    }

    private static int refusedWith(Throwable failure) {
        var cause = failure;
        while (cause != null && !(cause instanceof WebSocketHandshakeException)) cause = cause.getCause();
        assertThat(cause).as("a refused handshake").isNotNull();
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    private static String body(Throwable failure) {
        var cause = failure;
        while (!(cause instanceof WebSocketHandshakeException)) cause = cause.getCause();
        return String.valueOf(((WebSocketHandshakeException) cause).getResponse().body());
    }

    @Test
    void relays_a_turn_with_the_servers_key_and_never_the_users_token() {
        var client = JdkRealtimeClient.connectWith(realtime("gpt-realtime"),
                Map.of("Authorization", "Bearer " + token, "OpenAI-Beta", "realtime=v1"));
        assertThat(client.next().path("type").asText()).isEqualTo("session.created");
        client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}");
        client.send("{\"type\":\"response.create\"}");
        var done = client.await("response.done");
        assertThat(done.path("response").path("status").asText()).isEqualTo("completed");

        var upgrade = fake.requestsTo("/v1/realtime").get(0);
        assertThat(upgrade.header("Authorization")).contains("Bearer " + fake.apiKey());
        assertThat(upgrade.header("OpenAI-Beta")).isEmpty();
        assertThat(upgrade.headers().toString()).doesNotContain(token);
        assertThat(turns).extracting(FrameMeaning.TranscriptTurn::text).containsExactly("You said: hi");
    }

    @Test
    void accepts_the_token_in_the_browser_subprotocol_and_answers_realtime() {
        var client = JdkRealtimeClient.connect(realtime("gpt-realtime"), null, "realtime", "openai-insecure-api-key." + token);
        assertThat(client.subprotocol()).isEqualTo("realtime");
        assertThat(client.next().path("type").asText()).isEqualTo("session.created");
    }

    @Test
    void accepts_the_auth_cookie_from_an_allowed_origin() {
        var client = JdkRealtimeClient.connectWith(realtime("gpt-realtime"),
                Map.of("Cookie", "vg_access=" + token, "Origin", "https://app.example.com"));
        assertThat(client.next().path("type").asText()).isEqualTo("session.created");
    }

    @Test
    void refuses_before_the_upgrade_with_openai_shaped_errors() {
        assertThatThrownBy(() -> JdkRealtimeClient.connect(realtime("gpt-realtime"), null))
                .satisfies(e -> assertThat(refusedWith(e)).isEqualTo(401))
                .satisfies(e -> assertThat(body(e)).contains("\"error\"").contains("\"code\":\"unauthenticated\""));
        assertThatThrownBy(() -> JdkRealtimeClient.connect(realtime("gpt-realtime"), "not-a-token"))
                .satisfies(e -> assertThat(refusedWith(e)).isEqualTo(401));
        assertThatThrownBy(() -> JdkRealtimeClient.connect(realtime("gpt-4-turbo-realtime"), token))
                .satisfies(e -> assertThat(refusedWith(e)).isEqualTo(400))
                .satisfies(e -> assertThat(body(e)).contains("\"code\":\"model_not_allowed\"").contains("\"param\":\"model\""));
        assertThatThrownBy(() -> JdkRealtimeClient.connectWith(realtime("gpt-realtime"),
                Map.of("Cookie", "vg_access=" + token, "Origin", "https://evil.example.net")))
                .satisfies(e -> assertThat(refusedWith(e)).isEqualTo(403));
        assertThat(fake.requestsTo("/v1/realtime")).isEmpty();
    }

    /** OpenAI's error object always has all four members (code and param may be null); SDKs read them by name. */
    @Test
    void every_refusal_before_the_upgrade_has_openais_four_error_members() throws Exception {
        var stranger = tokens.issue(new UserId(UUID.randomUUID()), Instant.now());
        List<java.util.function.Supplier<Object>> refused = List.of(
                () -> JdkRealtimeClient.connect(realtime("gpt-realtime"), null),
                () -> JdkRealtimeClient.connect(realtime("gpt-realtime"), "not-a-token"),
                () -> JdkRealtimeClient.connect(realtime("gpt-4-turbo-realtime"), token),
                () -> JdkRealtimeClient.connect(realtime("gpt-realtime"), stranger),
                () -> JdkRealtimeClient.connectWith(realtime("gpt-realtime"),
                        Map.of("Cookie", "vg_access=" + token, "Origin", "https://evil.example.net")));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (var attempt : refused) {
            var failure = org.assertj.core.api.Assertions.catchThrowable(attempt::get);
            var error = mapper.readTree(body(failure)).path("error");
            assertThat(error.isObject()).as(body(failure)).isTrue();
            for (var member : List.of("message", "type", "param", "code")) {
                assertThat(error.has(member)).as(member + " in " + body(failure)).isTrue();
            }
        }
    }

    @Test
    void refuses_without_voice_processing_consent_before_the_upgrade() {
        var stranger = tokens.issue(new UserId(UUID.randomUUID()), Instant.now());
        assertThatThrownBy(() -> JdkRealtimeClient.connect(realtime("gpt-realtime"), stranger))
                .satisfies(e -> assertThat(refusedWith(e)).isEqualTo(403))
                .satisfies(e -> assertThat(body(e)).contains("\"error\"").contains("\"code\":\"consent_required\""));
        assertThat(fake.requestsTo("/v1/realtime")).isEmpty();
    }

    @Test
    void a_session_id_this_relay_does_not_know_is_not_found() {
        assertThatThrownBy(() -> JdkRealtimeClient.connect(URI.create(realtime("gpt-realtime") + "&session_id=" + UUID.randomUUID()), token))
                .satisfies(e -> assertThat(refusedWith(e)).isEqualTo(404))
                .satisfies(e -> assertThat(body(e)).contains("\"code\":\"session_not_found\""));
    }

    @Test
    void without_an_openai_key_every_upgrade_is_refused_with_503() {
        var off = HttpApi.create(HttpSettings.defaults(), List.of(OpenAiEndpoints.notConfigured()), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(1));
        try {
            assertThatThrownBy(() -> JdkRealtimeClient.connect(URI.create("ws://127.0.0.1:" + off.port()
                    + "/openai/v1/realtime?model=gpt-realtime"), token))
                    .satisfies(e -> assertThat(refusedWith(e)).isEqualTo(503))
                    .satisfies(e -> assertThat(body(e)).contains("\"code\":\"provider_not_configured\"")
                            .contains("not configured"));
        } finally {
            off.stop("test over");
        }
    }

    @Test
    void a_client_that_stops_reading_is_dropped_as_slow_and_the_upstream_closed() throws Exception {
        fake.audioDeltas(300, 64 * 1024);
        var opened = new CompletableFuture<Void>();
        var socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(realtime("gpt-realtime"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public void onOpen(java.net.http.WebSocket webSocket) {
                        opened.complete(null); // and never asks for a frame: this client reads nothing
                    }
                }).orTimeout(10, TimeUnit.SECONDS).join();
        opened.orTimeout(10, TimeUnit.SECONDS).join();
        socket.sendText("{\"type\":\"response.create\"}", true).orTimeout(10, TimeUnit.SECONDS).join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ended.isDone() && System.nanoTime() < deadline) {
            relays.checkTimeouts();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        socket.abort();
        assertThat(ended).as("the relay ended").isDone();
        var end = ended.join();
        assertThat(end.reason()).isEqualTo(RelayEnd.Reason.SLOW_CLIENT);
        assertThat(end.closeCode()).isEqualTo(1008);
        for (int i = 0; i < 100 && fake.openConnections() > 0; i++) fake.awaitFrame(f -> false, Duration.ofMillis(50));
        assertThat(fake.openConnections()).as("the upstream is closed too").isZero();
    }

    @Test
    void closes_the_client_with_1011_when_the_upstream_drops() {
        var client = JdkRealtimeClient.connect(realtime("gpt-realtime"), token);
        client.await("session.created");
        fake.dropConnections();
        assertThat(client.awaitClose().code()).isEqualTo(1011);
        assertThat(ended.orTimeout(10, TimeUnit.SECONDS).join().reason()).isEqualTo(RelayEnd.Reason.UPSTREAM_ERROR);
    }

    @Test
    void ends_the_relay_and_the_upstream_when_the_client_leaves() {
        var client = JdkRealtimeClient.connect(realtime("gpt-realtime"), token);
        client.await("session.created");
        client.close();
        var end = ended.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(end.reason()).isEqualTo(RelayEnd.Reason.CLIENT_CLOSED);
        assertThat(end.closeCode()).isEqualTo(1000);
        for (int i = 0; i < 100 && fake.openConnections() > 0; i++) fake.awaitFrame(f -> false, Duration.ofMillis(50));
        assertThat(fake.openConnections()).isZero();
    }

    @Test
    void closes_the_client_with_1011_when_the_relay_cannot_start() {
        targetsBroken = true;
        var client = JdkRealtimeClient.connect(realtime("gpt-realtime"), token);
        assertThat(client.awaitClose().code()).isEqualTo(1011);
        assertThat(ended.orTimeout(10, TimeUnit.SECONDS).join().reason()).isEqualTo(RelayEnd.Reason.UPSTREAM_ERROR);
    }

    @Test
    void closes_relays_with_1001_on_graceful_stop() {
        var client = JdkRealtimeClient.connect(realtime("gpt-realtime"), token);
        client.await("session.created");
        assertThat(sockets.count()).isEqualTo(1);
        api.stop("server shutting down");
        var closed = client.awaitClose();
        assertThat(closed.code()).isEqualTo(1001);
    }
}
