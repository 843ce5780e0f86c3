package io.voicegate.openai;

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

/** The client end of a relay in these tests (in memory), which also observes the relay. */
final class RecordingClient implements ClientLink, RelayObserver {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    record Close(int code, String reason) {
    }

    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    final CompletableFuture<RelayEnd> ended = new CompletableFuture<>();
    final List<FrameMeaning.TranscriptTurn> turns = new CopyOnWriteArrayList<>();
    final List<RelayUsage> usages = new CopyOnWriteArrayList<>();
    final List<ToolResult> toolResults = new CopyOnWriteArrayList<>();
    final List<String> seenTypes = new ArrayList<>();

    @Override
    public CompletionStage<Void> send(String frame) {
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

    /** Waits until this many usage reports arrived (the one of response.done comes just after the frame). */
    List<RelayUsage> awaitUsages(int count) {
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

    @Override
    public void toolCalled(FrameMeaning.ToolCallRequested call, ToolResult result) {
        toolResults.add(result);
    }

    @Override
    public void ended(RelayEnd end) {
        ended.complete(end);
    }

    JsonNode await(String type) {
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

    Close awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    RelayEnd awaitEnd() {
        return ended.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
}
