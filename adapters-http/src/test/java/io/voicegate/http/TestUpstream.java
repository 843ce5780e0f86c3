package io.voicegate.http;

import io.voicegate.core.realtime.EventReader;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RealtimeUpstream;
import io.voicegate.core.realtime.RelayProtocol;
import io.voicegate.core.realtime.RelayTarget;
import io.voicegate.core.realtime.SessionPolicy;
import io.voicegate.core.realtime.ToolReplies;
import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.WebSocketConnector;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A plain relay target for route tests (adapters-http cannot use the OpenAI adapter): the product's upstream
 * connector to the fake with the server key, and a protocol that only recognises the assistant's finished transcript.
 */
final class TestUpstream {

    private TestUpstream() {
    }

    static RelayTarget target(WebSocketConnector connector, URI realtime, String key) {
        RealtimeUpstream upstream = events -> connector.connect(
                new UpstreamAddress(realtime, Map.of("Authorization", "Bearer " + key), Duration.ofSeconds(5)), events);
        EventReader reader = new EventReader() {
            @Override
            public FrameMeaning fromClient(String frame) {
                return FrameMeaning.NOTHING;
            }

            @Override
            public FrameMeaning fromUpstream(String frame) {
                if (!frame.startsWith("{\"type\":\"response.output_audio_transcript.done\"")) return FrameMeaning.NOTHING;
                int start = frame.indexOf("\"transcript\":\"") + 14;
                return new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, frame.substring(start, frame.indexOf('"', start)), "item");
            }
        };
        ToolReplies noTools = new ToolReplies() {
            @Override
            public List<String> output(FrameMeaning.ToolCallRequested call, String output) {
                return List.of();
            }

            @Override
            public List<String> continueAfterTools() {
                return List.of();
            }
        };
        return new RelayTarget(upstream, new RelayProtocol(reader, SessionPolicy.none(), noTools));
    }
}
