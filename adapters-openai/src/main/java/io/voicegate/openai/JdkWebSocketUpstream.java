package io.voicegate.openai;

import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.UpstreamLink;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One upstream realtime connection over {@code java.net.http.WebSocket}: hands each whole text frame to the bridge
 * and asks for the next only when the bridge is ready (backpressure), and sends frames one after another (the JDK
 * allows one outstanding send) exactly as given.
 */
final class JdkWebSocketUpstream implements WebSocket.Listener, UpstreamLink {

    private final LinkEvents events;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private boolean closing;

    JdkWebSocketUpstream(LinkEvents events) {
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
        var ready = events.onFrame(frame);
        ready.whenComplete((ok, failure) -> webSocket.request(1));
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        webSocket.request(1); // OpenAI sends text frames only; a binary frame is ignored.
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
        // The JDK client may only send 1000 or 3000-4999; waits for queued frames, then gives the server 5 s to answer.
        int legal = code == 1000 || (code >= 3000 && code <= 4999) ? code : 1000;
        tail.handle((ok, failure) -> ws.sendClose(legal, reason == null ? "" : reason))
                .thenRun(() -> CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(ws::abort));
        if (ws.isInputClosed() && ws.isOutputClosed()) ws.abort();
    }
}
