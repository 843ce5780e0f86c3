package io.voicegate.core.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Counts frames in flight towards one side of a relay. While fewer than {@code window} are unfinished, a send
 * answers "ready" at once; at the window it answers with a stage that completes when sends drain below it, which
 * pauses the reader on the other side. Remembers since when it has been full, to detect a stalled peer.
 */
final class Outbox {

    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);
    private static final long NOT_BLOCKED = Long.MIN_VALUE;

    private final int window;
    private final LongSupplier millis;
    private final Consumer<Throwable> onFailure;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long fullSince = NOT_BLOCKED;
    private CompletableFuture<Void> drained;

    Outbox(int window, LongSupplier millis, Consumer<Throwable> onFailure) {
        this.window = window;
        this.millis = millis;
        this.onFailure = onFailure;
    }

    CompletionStage<Void> track(CompletionStage<Void> send) {
        int now = inFlight.incrementAndGet();
        send.whenComplete((ok, failure) -> {
            int left = inFlight.decrementAndGet();
            if (failure != null) onFailure.accept(failure);
            if (left < window) release();
        });
        if (now < window) return READY;
        synchronized (this) {
            if (inFlight.get() < window) return READY;
            if (drained == null) {
                drained = new CompletableFuture<>();
                fullSince = millis.getAsLong();
            }
            return drained;
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    /** How long the outbox has been full, in ms; 0 when it is not. */
    long fullForMillis(long nowMillis) {
        long since = fullSince;
        return since == NOT_BLOCKED ? 0 : nowMillis - since;
    }

    /** Lets a paused reader go (on drain, or when the relay ends). */
    void release() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            waiting = drained;
            drained = null;
            fullSince = NOT_BLOCKED;
        }
        if (waiting != null) waiting.complete(null);
    }
}
