package io.voicegate.bench;

import java.net.http.WebSocket;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One simulated caller: sends stamped audio appends (from the generator's single sender thread) and checks the
 * echoed deltas it receives (on the WebSocket's listener thread): per-direction latency of frames sent inside the
 * measurement window, and every sequence number seen once and in order.
 */
final class BenchSession implements WebSocket.Listener {

    private static final CompletableFuture<WebSocket> DONE = CompletableFuture.completedFuture(null);

    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean closing;

    // Sender thread only.
    private CompletableFuture<WebSocket> lastSend = DONE;
    private int nextSeq;
    private volatile int sent;
    private volatile boolean sendFailed;

    // Listener side, guarded by this.
    private final BitSet seen = new BitSet();
    private int maxSeen = -1;
    private int received;
    private int duplicated;
    private int reordered;
    private int other;
    private final LatencySamples up = new LatencySamples();
    private final LatencySamples down = new LatencySamples();

    void attach(WebSocket webSocket) {
        this.socket = webSocket;
    }

    void window(long start, long end) {
        this.windowStart = start;
        this.windowEnd = end;
    }

    /** Sends the next frame unless the previous one is still being written (then the frame is skipped). */
    boolean sendNext(String audioBase64) {
        if (!lastSend.isDone()) return false;
        if (lastSend.isCompletedExceptionally()) {
            sendFailed = true;
            return false;
        }
        var frame = Stamp.append(nextSeq, System.nanoTime(), audioBase64);
        lastSend = socket.sendText(frame, true);
        nextSeq++;
        sent = nextSeq;
        return true;
    }

    int sent() {
        return sent;
    }

    boolean failed() {
        return sendFailed || (closed.isDone() && !closing);
    }

    void close() {
        closing = true;
        var ws = socket;
        if (ws == null) return;
        lastSend.handle((ok, failure) -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark over"));
    }

    void abort() {
        closing = true;
        var ws = socket;
        if (ws != null) ws.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (!last) {
            partial.append(data);
        } else if (partial.length() == 0) {
            received(data.toString(), now);
        } else {
            partial.append(data);
            received(partial.toString(), now);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private synchronized void received(String frame, long now) {
        var stamp = Stamp.ofEcho(frame);
        if (stamp == null) {
            other++;
            return;
        }
        received++;
        int seq = stamp.seq();
        if (seen.get(seq)) {
            duplicated++;
            return;
        }
        seen.set(seq);
        if (seq < maxSeen) reordered++;
        maxSeen = Math.max(maxSeen, seq);
        if (stamp.sentNanos() >= windowStart && stamp.sentNanos() < windowEnd) {
            up.add((stamp.answeredNanos() - stamp.sentNanos()) / 1000);
            down.add((now - stamp.answeredNanos()) / 1000);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }

    /** Counts read after the run (synchronized with the listener). */
    synchronized Tally tally() {
        return new Tally(sent, received, seen.cardinality(), duplicated, reordered, other);
    }

    synchronized void drainLatencies(LatencySamples allUp, LatencySamples allDown) {
        allUp.addAll(up);
        allDown.addAll(down);
    }

    synchronized boolean caughtUp() {
        return seen.cardinality() >= sent;
    }

    record Tally(int sent, int received, int distinct, int duplicated, int reordered, int other) {
        int lost() {
            return Math.max(0, sent - distinct);
        }
    }
}
