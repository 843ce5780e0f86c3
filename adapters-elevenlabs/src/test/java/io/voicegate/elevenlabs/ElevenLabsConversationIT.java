package io.voicegate.elevenlabs;

import io.voicegate.core.postcall.Speaker;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Ping;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Reading;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Started;
import io.voicegate.elevenlabs.ElevenLabsEventReader.ToolCall;
import io.voicegate.elevenlabs.ElevenLabsEventReader.Turn;
import io.voicegate.testkit.FakeElevenLabs;
import io.voicegate.testkit.FakeElevenLabsConversation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Speaks to the fake agent over a minted signed URL, reading every frame through the event reader. */
class ElevenLabsConversationIT {

    private static final String KEY = "xi-key";

    private final FakeElevenLabs fake = FakeElevenLabs.start(KEY);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ElevenLabsEventReader reader = new ElevenLabsEventReader();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void transcript_turns_pings_and_a_tool_call_read_as_the_relay_needs() throws Exception {
        fake.script(FakeElevenLabsConversation.Script.defaults().withToolCall("get_context", "{}")
                .requiringDynamicVariables("voicegate_session_ref"));
        var signed = new ElevenLabsClient(http, new ElevenLabsSettings(fake.baseUrl(), KEY, Duration.ofSeconds(5)),
                Clock.systemUTC()).signedUrl("agent_1");
        var frames = new LinkedBlockingQueue<String>();
        var socket = http.newWebSocketBuilder().buildAsync(signed.url(), new Collector(frames)).join();

        socket.sendText(reader.enforceDynamicVariables("{\"type\":\"conversation_initiation_client_data\"}",
                Map.of("voicegate_session_ref", "AAAAAAAAAAAAAAAAAAAAAA")), true).join();
        var started = (Started) next(frames);
        for (int i = 0; i < 3; i++) socket.sendText("{\"user_audio_chunk\":\"AAAA\"}", true).join();

        var turns = new ArrayList<Turn>();
        ToolCall toolCall = null;
        while (toolCall == null) {
            var reading = next(frames);
            if (reading instanceof Turn turn) turns.add(turn);
            if (reading instanceof ToolCall call) toolCall = call;
        }
        socket.sendText(reader.toolResult(toolCall.toolCallId(), "{\"display_name\":\"Ada\"}", false), true).join();
        var conversation = fake.conversation(started.conversationId()).orElseThrow();
        int pingId = conversation.sendPing();
        var ping = (Ping) next(frames);
        socket.sendText(ping.pong(), true).join();
        socket.sendText("{\"type\":\"user_message\",\"text\":\"bye\"}", true).join();
        assertThat(next(frames)).isInstanceOf(Turn.class); // everything before it was handled by the fake
        socket.sendClose(1000, "User ended conversation").join();

        assertThat(turns).extracting(Turn::speaker, Turn::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Speaker.USER, "hello"),
                        org.assertj.core.groups.Tuple.tuple(Speaker.AGENT, "Hi, how can I help?"));
        assertThat(ping.eventId()).isEqualTo(pingId);
        assertThat(conversation.pongs()).containsExactly(pingId);
        assertThat(conversation.toolResults()).singleElement()
                .satisfies(r -> assertThat(r.result()).isEqualTo("{\"display_name\":\"Ada\"}"));
    }

    private Reading next(LinkedBlockingQueue<String> frames) throws InterruptedException {
        var frame = frames.poll(5, TimeUnit.SECONDS);
        if (frame == null) throw new AssertionError("no frame within 5 seconds");
        return reader.read(frame);
    }

    private record Collector(LinkedBlockingQueue<String> frames, StringBuilder partial) implements WebSocket.Listener {
        Collector(LinkedBlockingQueue<String> frames) {
            this(frames, new StringBuilder());
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }

}
