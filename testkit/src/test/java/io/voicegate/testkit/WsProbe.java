package io.voicegate.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client for tests: collects text frames in order and the close code. */
final class WsProbe implements WebSocket.Listener {

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static WsProbe open(HttpClient http, URI url) {
        var probe = new WsProbe();
        probe.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(url, probe).join();
        return probe;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next text frame; fails the test when none arrives within 5 seconds. */
    String next() throws InterruptedException {
        var frame = frames.poll(5, TimeUnit.SECONDS);
        if (frame == null) throw new AssertionError("no frame within 5 seconds");
        return frame;
    }

    int closeCode() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }

    void close() {
        socket.sendClose(1000, "User ended conversation").join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
