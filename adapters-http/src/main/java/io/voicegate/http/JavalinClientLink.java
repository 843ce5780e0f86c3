package io.voicegate.http;

import io.javalin.websocket.WsContext;
import io.voicegate.core.realtime.ClientLink;
import org.eclipse.jetty.websocket.api.Callback;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** The client's WebSocket as a relay end: Jetty's asynchronous sends, completed when written. Thread-safe. */
final class JavalinClientLink implements ClientLink {

    private final WsContext ctx;
    private final AtomicBoolean closed = new AtomicBoolean();

    JavalinClientLink(WsContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        var sent = new CompletableFuture<Void>();
        try {
            ctx.session.sendText(frame, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        } catch (RuntimeException gone) {
            sent.completeExceptionally(gone);
        }
        return sent;
    }

    @Override
    public void close(int code, String reason) {
        if (!closed.compareAndSet(false, true)) return;
        try {
            ctx.closeSession(code, reason);
        } catch (RuntimeException alreadyGone) {
            // The peer vanished first; nothing left to close.
        }
    }
}
