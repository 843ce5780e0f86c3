package io.voicegate.bench;

import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.UpstreamLink;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** One upstream WebSocket of a relay: whole text messages to the bridge on the thread that read them, the next read only when the bridge is ready. Public only for Jetty's method handles. */
public final class JettyUpstreamLink implements Session.Listener, UpstreamLink {

    private static final Duration CLOSE_ANSWER_WAIT = Duration.ofSeconds(5);

    private final LinkEvents events;
    private final Scheduler scheduler;
    private volatile Session session;

    JettyUpstreamLink(LinkEvents events, Scheduler scheduler) {
        this.events = events;
        this.scheduler = scheduler;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.demand();
    }

    @Override
    public void onWebSocketText(String frame) {
        var ready = events.onFrame(frame);
        if (ready.toCompletableFuture().isDone()) {
            session.demand();
        } else {
            ready.whenComplete((ok, failure) -> session.demand());
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed(); // Realtime providers send text; a binary message is ignored.
        session.demand();
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
        if (session != null) events.onClosed(code, reason == null ? "" : reason);
    }

    /** Jetty reports a failed handshake here too; the connector's stage reports that one, so only an open link's failure goes on. */
    @Override
    public void onWebSocketError(Throwable cause) {
        if (session != null) events.onFailed(cause);
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        var sent = new CompletableFuture<Void>();
        var open = session;
        if (open == null) {
            sent.completeExceptionally(new IllegalStateException("The upstream is not open."));
            return sent;
        }
        try {
            open.sendText(frame, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        } catch (RuntimeException gone) {
            sent.completeExceptionally(gone);
        }
        return sent;
    }

    @Override
    public void close(int code, String reason) {
        var open = session;
        if (open == null || !open.isOpen()) return;
        // Codes an endpoint may send; anything else becomes a normal closure.
        int legal = (code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006)
                || (code >= 3000 && code <= 4999) ? code : 1000;
        try {
            open.close(legal, reason == null ? "" : reason, Callback.NOOP);
            // A provider that never answers the close still lets go of the socket.
            scheduler.schedule(open::disconnect, CLOSE_ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException alreadyGone) {
            // The peer vanished first; nothing left to close.
        }
    }
}
