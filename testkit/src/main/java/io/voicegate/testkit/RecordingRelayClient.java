package io.voicegate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.realtime.ClientLink;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayObserver;
import io.voicegate.core.realtime.RelayUsage;
import io.voicegate.core.tools.ToolResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client end of a relay in memory, for tests of a provider's relay without a client socket; it also observes the
 * relay (turns, usage, tool results, the end). Frames are kept as sent, in order.
 */
public final class RecordingRelayClient implements ClientLink, RelayObserver {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(10);

    public record Close(int code, String reason) {
    }

    /** Every frame sent to the client, in order. */
    public final List<String> received = new CopyOnWriteArrayList<>();
    /** Frames not yet taken by {@link #await}. */
    public final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<Close> closed = new CompletableFuture<>();
    public final CompletableFuture<RelayEnd> ended = new CompletableFuture<>();
    public final List<FrameMeaning.TranscriptTurn> turns = new CopyOnWriteArrayList<>();
    public final List<RelayUsage> usages = new CopyOnWriteArrayList<>();
    public final List<ToolResult> toolResults = new CopyOnWriteArrayList<>();
    private final List<String> seenTypes = new ArrayList<>();

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
    public void usage(RelayUsage usage) {
        synchronized (usages) {
            usages.add(usage);
            usages.notifyAll();
        }
    }

    @Override
    public void toolCalled(FrameMeaning.ToolCallRequested call, ToolResult result) {
        toolResults.add(result);
    }

    @Override
    public void ended(RelayEnd end) {
        ended.complete(end);
    }

    /** Waits until this many usage reports arrived (the one of a response's end comes just after its frame). */
    public List<RelayUsage> awaitUsages(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (usages) {
            while (usages.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("only " + usages.size() + " usage reports within " + WAIT);
                try {
                    TimeUnit.NANOSECONDS.timedWait(usages, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return List.copyOf(usages);
        }
    }

    /** The next event of this {@code type}, skipping others. */
    public JsonNode await(String type) {
        try {
            while (true) {
                var frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == null) throw new AssertionError("no " + type + " within " + WAIT + "; seen " + seenTypes);
                var event = MAPPER.readTree(frame);
                seenTypes.add(event.path("type").asText());
                if (event.path("type").asText().equals(type)) return event;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    public Close awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public RelayEnd awaitEnd() {
        return ended.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
}
