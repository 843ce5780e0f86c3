package io.voicegate.elevenlabs;

import io.voicegate.testkit.RecordingRelayClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RealtimeBridge;
import io.voicegate.core.realtime.RealtimeUpstream;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.Relays;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.testkit.FakeElevenLabs;
import io.voicegate.testkit.FakeElevenLabsConversation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay end to end against the fake ElevenLabs on loopback: core bridge, ElevenLabs protocol parts, JDK WebSocket. */
class ElevenLabsRelayIT {

    private static final String KEY = "xi-relay-key-0123456789";
    private static final Map<String, String> VARIABLES = Map.of("voicegate_session_ref", "AAAAAAAAAAAAAAAAAAAAAA",
            "user_pseudonym", "psn_1", "user_name", "Ada");
    private static final String CHUNK = "{\"user_audio_chunk\":\"AAECAwQFBgcICQ==\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeElevenLabs fake = FakeElevenLabs.start(KEY);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ElevenLabsRealtime realtime = new ElevenLabsRealtime(
            new ElevenLabsClient(http, new ElevenLabsSettings(fake.baseUrl(), KEY, Duration.ofSeconds(5)), Clock.systemUTC()),
            new io.voicegate.testkit.JdkWebSocketConnector(http), Duration.ofSeconds(5));
    private final RecordingRelayClient client = new RecordingRelayClient();
    private final List<String> conversations = new CopyOnWriteArrayList<>();
    private final Relays relays = new Relays();

    @AfterEach
    void stop() {
        relays.endAll(RelayEnd.Reason.SERVER_SHUTDOWN, 1001, "test over");
        fake.close();
    }

    private RealtimeBridge relay(RealtimeUpstream upstream) {
        var open = new OpenRelay(new RunTool(ToolRegistry.empty()), relays, Clock.systemUTC(), Runnable::run);
        return open.handle(new OpenRelay.Command("session_1", client, upstream,
                ElevenLabsRelayProtocol.of(VARIABLES, conversations::add), client, RelayLimits.defaults()));
    }

    private FakeElevenLabsConversation only() {
        await(() -> fake.conversations().size() == 1);
        return fake.conversations().get(0);
    }

    @Test
    void relays_a_conversation_with_voicegates_variables_frames_unchanged_and_turns_as_they_happen() throws Exception {
        fake.script(FakeElevenLabsConversation.Script.defaults().requiringDynamicVariables("voicegate_session_ref", "user_name"));
        var bridge = relay(realtime.conversation("agent_1"));
        bridge.clientEvents().onFrame("{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":"
                + "{\"user_name\":\"Mallory\",\"topic\":\"billing\"}}");
        client.await("conversation_initiation_metadata");
        for (int i = 0; i < 3; i++) bridge.clientEvents().onFrame(CHUNK);
        client.await("agent_response");
        client.await("audio");
        client.await("audio");

        var conversation = only();
        assertThat(conversation.agentId()).isEqualTo("agent_1");
        var initiation = json.readTree(conversation.initiationData().orElseThrow());
        assertThat(json.convertValue(initiation.path("dynamic_variables"), Map.class)).isEqualTo(Map.of(
                "voicegate_session_ref", "AAAAAAAAAAAAAAAAAAAAAA", "user_pseudonym", "psn_1", "user_name", "Ada",
                "topic", "billing"));
        assertThat(conversation.received().subList(1, 4)).containsExactly(CHUNK, CHUNK, CHUNK);
        assertThat(client.received).containsExactlyElementsOf(conversation.sent());
        assertThat(client.turns).containsExactly(
                new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "hello", "user_transcript:1"),
                new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, "Hi, how can I help?", "agent_response:2"));
        assertThat(conversations).containsExactly(conversation.conversationId());
    }

    @Test
    void sends_the_initiation_for_a_client_that_starts_with_audio_and_answers_pings_itself() throws Exception {
        var bridge = relay(realtime.conversation("agent_1"));
        bridge.clientEvents().onFrame(CHUNK);
        client.await("conversation_initiation_metadata");
        var conversation = only();
        assertThat(json.convertValue(json.readTree(conversation.initiationData().orElseThrow()).path("dynamic_variables"), Map.class))
                .isEqualTo(VARIABLES);

        int ping = conversation.sendPing();
        var forwarded = client.await("ping");
        assertThat(forwarded.at("/ping_event/event_id").asInt()).isEqualTo(ping);
        await(() -> conversation.pongs().contains(ping));
        bridge.clientEvents().onFrame("{\"type\":\"pong\",\"event_id\":" + ping + "}");
        bridge.clientEvents().onFrame("{\"type\":\"user_message\",\"text\":\"still there?\"}");
        client.await("agent_response"); // the fake handled every frame before it
        assertThat(conversation.pongs()).as("one answer per ping").containsExactly(ping);
        assertThat(conversation.received().get(1)).isEqualTo(CHUNK);
    }

    @Test
    void closing_either_side_closes_the_other_and_ends_the_relay_with_a_reason() {
        var bridge = relay(realtime.conversation("agent_1"));
        bridge.clientEvents().onFrame(CHUNK);
        client.await("conversation_initiation_metadata");
        only().end(1000, "Agent ended the call");
        assertThat(client.awaitClose()).isEqualTo(new RecordingRelayClient.Close(1000, "Agent ended the call"));
        assertThat(client.awaitEnd().reason()).isEqualTo(RelayEnd.Reason.UPSTREAM_CLOSED);

        var second = new RecordingRelayClient();
        var other = new OpenRelay(new RunTool(ToolRegistry.empty()), relays, Clock.systemUTC(), Runnable::run)
                .handle(new OpenRelay.Command("session_2", second, realtime.conversation("agent_1"),
                        ElevenLabsRelayProtocol.of(VARIABLES, id -> { }), second, RelayLimits.defaults()));
        other.clientEvents().onFrame(CHUNK);
        second.await("conversation_initiation_metadata");
        other.clientEvents().onClosed(1000, "User ended conversation");
        assertThat(second.awaitEnd().reason()).isEqualTo(RelayEnd.Reason.CLIENT_CLOSED);
        await(() -> fake.conversations().stream().allMatch(c -> c.closeCode().isPresent()));
    }

    @Test
    void a_refused_conversation_closes_the_client_with_1011_and_a_reason_without_the_signature() {
        var upstream = realtime.conversation("agent_1");
        relay(upstream).clientEvents().onFrame(CHUNK);
        client.await("conversation_initiation_metadata");

        var refused = new RecordingRelayClient();
        new OpenRelay(new RunTool(ToolRegistry.empty()), relays, Clock.systemUTC(), Runnable::run)
                .handle(new OpenRelay.Command("session_2", refused, upstream, ElevenLabsRelayProtocol.of(VARIABLES, id -> { }),
                        refused, RelayLimits.defaults()));
        var closed = refused.awaitClose();
        assertThat(closed.code()).isEqualTo(1011);
        assertThat(closed.reason()).contains("ElevenLabs refused the conversation (HTTP 403)").doesNotContain("signature");
        assertThat(refused.awaitEnd().reason()).isEqualTo(RelayEnd.Reason.UPSTREAM_ERROR);
    }

    @Test
    void a_refused_signed_url_is_refused_before_any_client_is_relayed() {
        fake.failRestCallsWith(401);
        assertThatThrownBy(() -> realtime.conversation("agent_1"))
                .isInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("ELEVENLABS_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + RecordingRelayClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within " + RecordingRelayClient.WAIT);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
