package io.voicegate.elevenlabs;

import io.voicegate.core.realtime.ClientLink;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayObserver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The client end of a relay in these tests (in memory), which also observes the relay. */
final class RelayClient implements ClientLink, RelayObserver {

    static final Duration WAIT = Duration.ofSeconds(10);

    record Close(int code, String reason) {
    }

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<FrameMeaning.TranscriptTurn> turns = new CopyOnWriteArrayList<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    final CompletableFuture<RelayEnd> ended = new CompletableFuture<>();

    @Override
    public CompletionStage<Void> send(String frame) {
        received.add(frame);
        frames.add(frame);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close(int code, String reason) {
        closed.complete(new Close(code, reason));
    }

    @Override
    public void turn(FrameMeaning.TranscriptTurn turn) {
        turns.add(turn);
    }

    @Override
    public void ended(RelayEnd end) {
        ended.complete(end);
    }

    /** The next frame whose text contains {@code "type":"<type>"}, skipping others. */
    String await(String type) {
        try {
            while (true) {
                var frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == null) throw new AssertionError("no " + type + " within " + WAIT + "; received " + received);
                if (frame.contains("\"type\":\"" + type + "\"")) return frame;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Close awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    RelayEnd awaitEnd() {
        return ended.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
}
