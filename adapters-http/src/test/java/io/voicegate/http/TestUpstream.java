package io.voicegate.http;

import io.voicegate.core.realtime.EventReader;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.RealtimeUpstream;
import io.voicegate.core.realtime.RelayProtocol;
import io.voicegate.core.realtime.RelayTarget;
import io.voicegate.core.realtime.SessionPolicy;
import io.voicegate.core.realtime.ToolReplies;
import io.voicegate.core.realtime.UpstreamLink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A plain relay target for route tests (adapters-http cannot use the OpenAI adapter): a JDK WebSocket to the fake
 * with the server key, and a protocol that only recognises the assistant's finished transcript.
 */
final class TestUpstream {

    private TestUpstream() {
    }

    static RelayTarget target(URI realtime, String key) {
        RealtimeUpstream upstream = events -> {
            var listener = new Listener(events);
            return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + key)
                    .buildAsync(realtime, listener).thenApply(ws -> listener);
        };
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

    private static final class Listener implements WebSocket.Listener, UpstreamLink {
        private final LinkEvents events;
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        Listener(LinkEvents events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                var frame = partial.toString();
                partial.setLength(0);
                events.onFrame(frame).whenComplete((ok, e) -> webSocket.request(1));
            } else {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.onClosed(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.onFailed(error);
        }

        @Override
        public synchronized CompletionStage<Void> send(String frame) {
            var sent = tail.thenCompose(x -> socket.sendText(frame, true)).<Void>thenApply(w -> null);
            tail = sent;
            return sent;
        }

        @Override
        public synchronized void close(int code, String reason) {
            tail.handle((ok, e) -> socket.sendClose(1000, reason));
        }
    }
}
