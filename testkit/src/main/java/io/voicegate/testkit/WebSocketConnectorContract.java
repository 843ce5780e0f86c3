package io.voicegate.testkit;

import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.UpstreamRefused;
import io.voicegate.core.realtime.WebSocketConnector;
import io.voicegate.testkit.openai.FakeOpenAi;
import io.voicegate.testkit.openai.RecordedFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link WebSocketConnector} must do, held against the fake OpenAI over a real socket: handshake headers
 * sent, frames both ways unchanged, refusals with status, headers and body, unreachable hosts, the peer's close, and
 * backpressure (no frame delivered while the previous one is unfinished). Subclass it with the implementation.
 */
public abstract class WebSocketConnectorContract {

    private static final Duration WAIT = Duration.ofSeconds(5);
    protected final FakeOpenAi fake = FakeOpenAi.start();

    /** The connector under test; closed by the subclass if it needs closing. */
    protected abstract WebSocketConnector connector();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private UpstreamAddress address(String key) {
        return new UpstreamAddress(fake.realtimeUri("gpt-realtime"), Map.of("Authorization", "Bearer " + key), Duration.ofSeconds(5));
    }

    private UpstreamLink open(RecordingLinkEvents events) {
        return connector().connect(address(fake.apiKey()), events).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void sends_the_handshake_headers_and_relays_frames_both_ways_unchanged() throws Exception {
        var events = new RecordingLinkEvents();
        var link = open(events);
        assertThat(events.next()).contains("\"type\":\"session.created\"");
        assertThat(fake.requests()).last().satisfies(r -> assertThat(r.headers().toString()).contains("Bearer " + fake.apiKey()));

        var frame = "{\"type\":\"session.update\",\"event_id\":\"evt_ü_1\",\"session\":{\"type\":\"realtime\",\"instructions\":\"Grüß Gott 👋\"}}";
        link.send(frame).toCompletableFuture().get(5, TimeUnit.SECONDS);
        var received = fake.awaitFrame(f -> f.direction() == RecordedFrame.Direction.FROM_CLIENT, WAIT);
        assertThat(received).map(RecordedFrame::text).contains(frame);
        assertThat(events.next()).contains("\"type\":\"session.updated\"");
    }

    @Test
    void a_refused_handshake_reports_status_headers_and_body() {
        fake.failNextRequestWithRateLimit(Duration.ofSeconds(7));
        var refusedEvents = new RecordingLinkEvents();
        var refused = refusal(connector().connect(address(fake.apiKey()), refusedEvents));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).contains("7");
        assertThat(refused.getMessage()).doesNotContain(fake.apiKey());

        var wrongKeyEvents = new RecordingLinkEvents();
        var wrongKey = refusal(connector().connect(address("sk-wrong-key"), wrongKeyEvents));
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(new String(wrongKey.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"invalid_api_key\"");

        // The stage alone reports a link that never opened: an event as well would end a relay twice, first with the
        // wrong cause (a lost connection instead of the provider's refusal).
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        for (var events : List.of(refusedEvents, wrongKeyEvents)) {
            assertThat(events.failures()).as("failures reported as events").isEmpty();
            assertThat(events.closeReported()).as("a close reported as an event").isFalse();
        }
    }

    @Test
    void an_unreachable_host_fails_the_stage_without_a_refusal() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var nowhere = new UpstreamAddress(URI.create("ws://127.0.0.1:" + closedPort + "/v1/realtime"), Map.of(), Duration.ofSeconds(2));
        var stage = connector().connect(nowhere, new RecordingLinkEvents()).toCompletableFuture();
        assertThatThrownBy(() -> stage.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(Exception.class)
                .satisfies(e -> assertThat(e.getCause()).isNotInstanceOf(UpstreamRefused.class));
    }

    @Test
    void the_peers_close_reaches_the_events_with_code_and_reason() throws Exception {
        var events = new RecordingLinkEvents();
        open(events);
        events.next();
        fake.closeConnections(4000, "going away for a test");
        assertThat(events.awaitClose()).isEqualTo("4000 going away for a test");
    }

    @Test
    void closing_the_link_closes_the_socket() throws Exception {
        var events = new RecordingLinkEvents();
        var link = open(events);
        events.next();
        link.close(1000, "relay ended");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fake.openConnections() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(fake.openConnections()).isZero();
    }

    @Test
    void no_frame_is_delivered_while_the_previous_one_is_unfinished() throws Exception {
        var events = new RecordingLinkEvents();
        var held = new CompletableFuture<Void>();
        events.holdAfterFirst(held);
        var link = open(events);
        assertThat(events.next()).contains("session.created");
        link.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}");
        link.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}");
        fake.awaitClientEvent("conversation.item.create", WAIT).orElseThrow();
        Thread.sleep(300); // the fake has answered both by now; none of it may have been delivered
        assertThat(events.delivered()).isNull();

        held.complete(null);
        assertThat(events.next()).contains("session.updated");
        assertThat(events.next()).contains("conversation.item.");
    }

    private static UpstreamRefused refusal(CompletionStage<UpstreamLink> stage) {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            var cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            assertThat(cause).isInstanceOf(UpstreamRefused.class);
            return (UpstreamRefused) cause;
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the connection attempt did not finish", e);
        }
        throw new AssertionError("the handshake was accepted");
    }
}
