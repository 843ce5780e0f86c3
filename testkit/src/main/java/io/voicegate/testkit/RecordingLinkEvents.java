package io.voicegate.testkit;

import io.voicegate.core.realtime.LinkEvents;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records what a {@link io.voicegate.core.realtime.WebSocketConnector} delivers to a link's events: frames in order,
 * the peer's close, failures. Can hold the first frame's readiness, to test backpressure. Thread-safe.
 */
public final class RecordingLinkEvents implements LinkEvents {

    private static final long WAIT_SECONDS = 5;

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final CompletableFuture<Throwable> firstFailure = new CompletableFuture<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> hold;

    /** The first frame delivered after this call is answered with {@code hold} instead of "ready". */
    public void holdAfterFirst(CompletableFuture<Void> hold) {
        this.hold = hold;
    }

    /** The next frame, waiting up to 5 s; fails the test if none comes. */
    public String next() throws InterruptedException {
        var frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) throw new AssertionError("no frame was delivered within " + WAIT_SECONDS + " s");
        return frame;
    }

    /** The next frame if one was delivered already, else null. */
    public String delivered() {
        return frames.poll();
    }

    /** The peer's close as "code reason", waiting up to 5 s. */
    public String awaitClose() throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public boolean closeReported() {
        return closed.isDone();
    }

    /** The first failure reported, waiting up to 5 s. */
    public Throwable awaitFailure() throws InterruptedException, ExecutionException, TimeoutException {
        return firstFailure.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public CompletionStage<Void> onFrame(String frame) {
        frames.add(frame);
        var waiting = hold;
        if (waiting == null) return CompletableFuture.completedFuture(null);
        hold = null;
        return waiting;
    }

    @Override
    public void onClosed(int code, String reason) {
        closed.complete(code + " " + reason);
    }

    @Override
    public void onFailed(Throwable cause) {
        failures.add(cause);
        firstFailure.complete(cause);
    }
}
