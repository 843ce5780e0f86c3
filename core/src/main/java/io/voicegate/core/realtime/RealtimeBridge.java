package io.voicegate.core.realtime;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.ToolCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One relay between a client and a provider: forwards every frame unchanged both ways, asks the provider's
 * {@link EventReader} what each means, applies the session policy to client reconfiguration, runs server-side tools,
 * answers what the provider expects the relay itself to answer ({@link FrameMeaning.Reply}, withholding the client's
 * own answer), reports turns, usage and the end to a {@link RelayObserver}, and ends cleanly (both links closed, the client with a
 * code and reason) on either side's close or failure, at the maximum duration, after the idle timeout, or when a side
 * stays too slow. Thread-safe. Created and started by {@link OpenRelay}; timeouts are checked by {@link Relays}.
 */
public final class RealtimeBridge {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeBridge.class);
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);
    /** Client frames held while the upstream opens (about 10 s of 20 ms audio frames). */
    private static final int MAX_EARLY_FRAMES = 512;

    private final String sessionRef;
    private final ClientLink client;
    private final RelayProtocol protocol;
    private final RelayObserver observer;
    private final RelayLimits limits;
    private final Clock clock;
    private final RunTool tools;
    private final Executor toolExecutor;
    private final long startedMillis;
    private final Outbox toClient;
    private final Outbox toUpstream;
    private final AtomicReference<RelayEnd> end = new AtomicReference<>();
    private final ArrayDeque<String> early = new ArrayDeque<>();
    private final ToolTurn toolTurn = new ToolTurn();
    private volatile UpstreamLink upstream;
    private volatile long lastActivityMillis;

    RealtimeBridge(String sessionRef, ClientLink client, RelayProtocol protocol, RelayObserver observer, RelayLimits limits,
                   Clock clock, RunTool tools, Executor toolExecutor) {
        this.sessionRef = sessionRef;
        this.client = client;
        this.protocol = protocol;
        this.observer = observer;
        this.limits = limits;
        this.clock = clock;
        this.tools = tools;
        this.toolExecutor = toolExecutor;
        this.startedMillis = clock.millis();
        this.lastActivityMillis = startedMillis;
        this.toClient = new Outbox(limits.window(), clock::millis,
                failure -> end(RelayEnd.Reason.CLIENT_CLOSED, 1006, "The client connection broke."));
        this.toUpstream = new Outbox(limits.window(), clock::millis,
                failure -> end(RelayEnd.Reason.UPSTREAM_ERROR, 1011, "The upstream connection broke."));
    }

    public String sessionRef() {
        return sessionRef;
    }

    /** What the client's end reports; the HTTP adapter calls these. */
    public LinkEvents clientEvents() {
        return clientEvents;
    }

    public Optional<RelayEnd> ended() {
        return Optional.ofNullable(end.get());
    }

    /** Ends the relay for a reason decided elsewhere (quota, consent withdrawn, shutdown, the user). */
    public void end(RelayEnd.Reason reason, int closeCode, String detail) {
        var ending = new RelayEnd(reason, closeCode, detail);
        if (!end.compareAndSet(null, ending)) return;
        toClient.release();
        toUpstream.release();
        var link = upstream;
        if (link != null) link.close(1000, reason == RelayEnd.Reason.UPSTREAM_CLOSED ? "upstream closed" : "relay ended");
        if (reason != RelayEnd.Reason.CLIENT_CLOSED) client.close(closeCode, detail);
        notifyObserver(() -> observer.ended(ending));
    }

    /** Ends the relay when it ran too long, sat idle too long, or a side stayed too slow. Call it periodically. */
    public void checkTimeouts() {
        if (end.get() != null) return;
        long now = clock.millis();
        if (now - startedMillis >= limits.maxDuration().toMillis()) {
            end(RelayEnd.Reason.MAX_DURATION, 1001, "The session reached its maximum duration of " + describe(limits.maxDuration()) + ".");
        } else if (now - lastActivityMillis >= limits.idleTimeout().toMillis()) {
            end(RelayEnd.Reason.IDLE_TIMEOUT, 1000, "The session was idle for " + describe(limits.idleTimeout()) + ".");
        } else if (toClient.fullForMillis(now) >= limits.stallTimeout().toMillis()) {
            end(RelayEnd.Reason.SLOW_CLIENT, 1008, "The client did not keep up with the audio.");
        } else if (toUpstream.fullForMillis(now) >= limits.stallTimeout().toMillis()) {
            end(RelayEnd.Reason.UPSTREAM_ERROR, 1013, "The upstream did not keep up; try again later.");
        }
    }

    void start(RealtimeUpstream opener) {
        CompletionStage<UpstreamLink> opening;
        try {
            opening = opener.open(upstreamEvents);
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((link, failure) -> {
            if (failure != null) upstreamUnavailable(failure);
            else attach(link);
        });
    }

    private void attach(UpstreamLink link) {
        if (end.get() != null) {
            link.close(1000, "relay ended");
            return;
        }
        // Before anything is sent: the provider may answer at once and the client may hang up on that answer, and
        // the session must have started before it can end.
        notifyObserver(observer::connected);
        synchronized (early) {
            for (var frame : protocol.policy().openingFrames()) toUpstream.track(link.send(frame));
            while (!early.isEmpty()) toUpstream.track(link.send(early.poll()));
            upstream = link;
        }
        if (end.get() != null) link.close(1000, "relay ended");
    }

    private void upstreamUnavailable(Throwable failure) {
        var cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof VoicegateException refusal) {
            boolean later = refusal.kind() == VoicegateException.Kind.RATE_LIMITED;
            end(RelayEnd.Reason.UPSTREAM_ERROR, later ? 1013 : 1011, truncate(refusal.getMessage()));
        } else {
            LOG.warn("Upstream connection failed for relay {}: {}", sessionRef, cause.getClass().getSimpleName());
            end(RelayEnd.Reason.UPSTREAM_ERROR, 1011, "The voice provider is unavailable.");
        }
    }

    private CompletionStage<Void> fromClient(String frame) {
        if (end.get() != null) return READY;
        lastActivityMillis = clock.millis();
        var meaning = protocol.reader().fromClient(frame);
        if (meaning instanceof FrameMeaning.Withheld) return READY;
        if (meaning instanceof FrameMeaning.SessionConfiguration) {
            var decision = protocol.policy().review(frame);
            for (var reply : decision.toClient()) toClient.track(client.send(reply));
            CompletionStage<Void> last = READY;
            for (var forwarded : decision.toUpstream()) last = toUpstreamOrHold(forwarded);
            return last;
        }
        return toUpstreamOrHold(frame);
    }

    private CompletionStage<Void> toUpstreamOrHold(String frame) {
        var link = upstream;
        if (link == null) {
            synchronized (early) {
                link = upstream;
                if (link == null) {
                    if (early.size() >= MAX_EARLY_FRAMES) {
                        end(RelayEnd.Reason.UPSTREAM_ERROR, 1013, "The voice provider did not answer in time; try again later.");
                    } else {
                        early.add(frame);
                    }
                    return READY;
                }
            }
        }
        return toUpstream.track(link.send(frame));
    }

    private CompletionStage<Void> fromUpstream(String frame) {
        if (end.get() != null) return READY;
        lastActivityMillis = clock.millis();
        var ready = toClient.track(client.send(frame));
        var meaning = protocol.reader().fromUpstream(frame);
        if (meaning != FrameMeaning.NOTHING) understand(meaning);
        return ready;
    }

    private void understand(FrameMeaning meaning) {
        if (meaning instanceof FrameMeaning.Several several) {
            for (var each : several.meanings()) understand(each);
        } else if (meaning instanceof FrameMeaning.TranscriptTurn turn) {
            notifyObserver(() -> observer.turn(turn));
        } else if (meaning instanceof FrameMeaning.UsageReported usage) {
            notifyObserver(() -> observer.usage(usage.usage()));
        } else if (meaning instanceof FrameMeaning.ToolCallRequested call) {
            if (tools.knows(call.name())) runTool(call);
        } else if (meaning instanceof FrameMeaning.TurnFinished finished) {
            if (!finished.usage().isEmpty()) notifyObserver(() -> observer.usage(finished.usage()));
            if (toolTurn.turnFinished()) continueAfterTools();
        } else if (meaning instanceof FrameMeaning.ProviderError error) {
            notifyObserver(() -> observer.providerError(error));
        } else if (meaning instanceof FrameMeaning.Reply reply) {
            toUpstreamOrHold(reply.frame());
        }
    }

    private void runTool(FrameMeaning.ToolCallRequested call) {
        toolTurn.started();
        toolExecutor.execute(() -> {
            var result = tools.handle(new ToolCall(call.callId(), call.name(), call.arguments(), sessionRef));
            notifyObserver(() -> observer.toolCalled(call, result));
            if (end.get() != null) return;
            for (var frame : protocol.toolReplies().output(call, result.output())) toUpstreamOrHold(frame);
            if (toolTurn.finished()) continueAfterTools();
        });
    }

    private void continueAfterTools() {
        if (end.get() != null) return;
        for (var frame : protocol.toolReplies().continueAfterTools()) toUpstreamOrHold(frame);
    }

    private void notifyObserver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("Relay observer failed for relay {}", sessionRef, e);
        }
    }

    private static int forwardable(int code) {
        if (code == 1005) return 1000;
        boolean allowed = code == 1000 || code == 1001 || code == 1003 || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
        return allowed ? code : 1011;
    }

    private static String truncate(String reason) {
        if (reason == null) return "";
        var bytes = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= 123) return reason;
        var cut = new String(bytes, 0, 120, java.nio.charset.StandardCharsets.UTF_8);
        return cut.substring(0, Math.max(0, cut.length() - 1)) + "...";
    }

    private static String describe(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? (seconds / 60) + " minutes" : seconds + " seconds";
    }

    private final LinkEvents clientEvents = new LinkEvents() {
        @Override
        public CompletionStage<Void> onFrame(String frame) {
            return fromClient(frame);
        }

        @Override
        public void onClosed(int code, String reason) {
            end(RelayEnd.Reason.CLIENT_CLOSED, code, truncate(reason));
        }

        @Override
        public void onFailed(Throwable cause) {
            end(RelayEnd.Reason.CLIENT_CLOSED, 1006, "The client connection broke.");
        }
    };

    private final LinkEvents upstreamEvents = new LinkEvents() {
        @Override
        public CompletionStage<Void> onFrame(String frame) {
            return fromUpstream(frame);
        }

        @Override
        public void onClosed(int code, String reason) {
            if (code == 1006) {
                end(RelayEnd.Reason.UPSTREAM_ERROR, 1011, "The connection to the voice provider was lost.");
            } else {
                end(RelayEnd.Reason.UPSTREAM_CLOSED, forwardable(code), truncate(reason));
            }
        }

        @Override
        public void onFailed(Throwable cause) {
            end(RelayEnd.Reason.UPSTREAM_ERROR, 1011, "The connection to the voice provider was lost.");
        }
    };

    /** Tracks the server-side tool calls of the current model turn, to continue once all are answered. */
    private static final class ToolTurn {
        private int running;
        private boolean turnDone;
        private boolean anyServerTool;

        synchronized void started() {
            running++;
            anyServerTool = true;
        }

        /** A tool answered; true when the turn is over and nothing else runs, so the model may continue. */
        synchronized boolean finished() {
            running--;
            return readyToContinue();
        }

        /** The model's turn ended; true when server tools ran in it and all have answered. */
        synchronized boolean turnFinished() {
            if (!anyServerTool) return false;
            turnDone = true;
            return readyToContinue();
        }

        private boolean readyToContinue() {
            if (running > 0 || !turnDone || !anyServerTool) return false;
            anyServerTool = false;
            turnDone = false;
            return true;
        }
    }
}
