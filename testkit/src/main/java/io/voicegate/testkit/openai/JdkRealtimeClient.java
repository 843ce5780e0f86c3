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

/**
 * A realtime WebSocket client over {@code java.net.http} for tests and the benchmark: collects whole text frames and
 * the close, and waits for event types. Plain Java (no test library); a wait that times out throws AssertionError.
 */
public final class JdkRealtimeClient implements WebSocket.Listener {

    public static final Duration WAIT = Duration.ofSeconds(10);

    /** How the socket ended; code 1006 with the error when it broke. */
    public record Closed(int code, String reason, Throwable error) {
    }

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects with a Bearer token (null for none) and subprotocols; fails with the handshake's exception. */
    public static JdkRealtimeClient connect(URI uri, String bearer, String... subprotocols) {
        return connectWith(uri, bearer == null ? java.util.Map.of() : java.util.Map.of("Authorization", "Bearer " + bearer), subprotocols);
    }

    /** Connects with these handshake headers and subprotocols. */
    public static JdkRealtimeClient connectWith(URI uri, java.util.Map<String, String> headers, String... subprotocols) {
        return connectWith(HttpClient.newHttpClient(), uri, headers, subprotocols);
    }

    /** Connects through this client (e.g. one trusting a test certificate, for wss). */
    public static JdkRealtimeClient connectWith(HttpClient http, URI uri, java.util.Map<String, String> headers,
                                                String... subprotocols) {
        var listener = new JdkRealtimeClient();
        var builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
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

    /** The subprotocol the server selected ("" for none). */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Every frame read so far, in order. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    /** Closes normally (1000). */
    public void close() {
        socket.sendClose(1000, "bye");
    }

    public void send(String frame) {
        socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next frame, whatever its type. */
    public JsonNode next() {
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
    public JsonNode await(String type) {
        while (true) {
            var event = next();
            if (event.path("type").asText().equals(type)) return event;
        }
    }

    /** Types of every frame read so far. */
    public List<String> types() {
        return seen.stream().map(FakeJson::typeOf).toList();
    }

    /** Reads frames up to and including the first of this type, returning their types. */
    public List<String> typesUntil(String type) {
        var types = new ArrayList<String>();
        while (true) {
            var event = next();
            types.add(event.path("type").asText());
            if (event.path("type").asText().equals(type)) return types;
        }
    }

    public Closed awaitClose() {
        return closed.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
