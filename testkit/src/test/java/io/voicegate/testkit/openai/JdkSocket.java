package io.voicegate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client for tests: collects whole text frames and the close, and waits for event types. */
final class JdkSocket implements WebSocket.Listener {

    static final Duration WAIT = Duration.ofSeconds(10);

    record Closed(int code, String reason, Throwable error) {
    }

    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final List<String> seen = new ArrayList<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static JdkSocket connect(URI uri, String bearer, String... subprotocols) {
        var listener = new JdkSocket();
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (bearer != null) builder.header("Authorization", "Bearer " + bearer);
        if (subprotocols.length > 0) builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        listener.socket = builder.buildAsync(uri, listener).orTimeout(10, TimeUnit.SECONDS).join();
        return listener;
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
        closed.complete(new Closed(statusCode, reason, null));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(1006, "", error));
    }

    void send(String frame) {
        socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next frame, whatever its type. */
    JsonNode next() {
        try {
            var frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) throw new AssertionError("no frame within " + WAIT + "; seen " + types());
            seen.add(frame);
            return FakeJson.parse(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips frames until one of this type arrives. */
    JsonNode await(String type) {
        while (true) {
            var event = next();
            if (event.path("type").asText().equals(type)) return event;
        }
    }

    /** Types of every frame read so far. */
    List<String> types() {
        return seen.stream().map(FakeJson::typeOf).toList();
    }

    /** Reads frames up to and including the first of this type, returning their types. */
    List<String> typesUntil(String type) {
        var types = new ArrayList<String>();
        while (true) {
            var event = next();
            types.add(event.path("type").asText());
            if (event.path("type").asText().equals(type)) return types;
        }
    }

    Closed awaitClose() {
        return closed.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
