package io.voicegate.testkit;

import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.UpstreamRefused;
import io.voicegate.core.realtime.WebSocketConnector;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WebSocketConnector} on {@code java.net.http.WebSocket}, for tests of provider adapters that must not
 * depend on the HTTP adapter's connector. Each whole text frame goes to the events, and the next is requested only
 * when the bridge is ready; sends go one after another (the JDK allows one outstanding send) exactly as given.
 */
public final class JdkWebSocketConnector implements WebSocketConnector {

    private final HttpClient http;

    public JdkWebSocketConnector(HttpClient http) {
        this.http = http;
    }

    @Override
    public CompletionStage<UpstreamLink> connect(UpstreamAddress address, LinkEvents events) {
        var link = new Link(events);
        var builder = http.newWebSocketBuilder().connectTimeout(address.connectTimeout());
        address.headers().forEach(builder::header);
        return builder.buildAsync(address.uri(), link).handle((socket, failure) -> {
            if (failure == null) return link;
            var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof WebSocketHandshakeException handshake) {
                var response = handshake.getResponse();
                var body = response.body() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
                throw new UpstreamRefused(response.statusCode(), response.headers().map(), body);
            }
            throw new CompletionException(cause);
        });
    }

    private static final class Link implements WebSocket.Listener, UpstreamLink {

        private final LinkEvents events;
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
        private boolean closing;

        Link(LinkEvents events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            this.socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            String frame;
            if (last && partial.length() == 0) {
                frame = data.toString();
            } else {
                partial.append(data);
                if (!last) {
                    webSocket.request(1);
                    return null;
                }
                frame = partial.toString();
                partial.setLength(0);
            }
            events.onFrame(frame).whenComplete((ok, failure) -> webSocket.request(1));
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            webSocket.request(1); // Realtime providers send text frames; a binary frame is ignored.
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
            var ws = socket;
            var sent = tail.thenCompose(previous -> ws.sendText(frame, true)).<Void>thenApply(w -> null);
            tail = sent;
            return sent;
        }

        @Override
        public synchronized void close(int code, String reason) {
            if (closing) return;
            closing = true;
            var ws = socket;
            if (ws == null) return;
            // The JDK client may only send 1000 or 3000-4999; waits for queued frames, then gives the server 5 s.
            int legal = code == 1000 || (code >= 3000 && code <= 4999) ? code : 1000;
            tail.handle((ok, failure) -> ws.sendClose(legal, reason == null ? "" : reason))
                    .thenRun(() -> CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(ws::abort));
            if (ws.isInputClosed() && ws.isOutputClosed()) ws.abort();
        }
    }
}
