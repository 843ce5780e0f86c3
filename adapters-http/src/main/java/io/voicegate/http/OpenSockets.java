package io.voicegate.http;

import io.javalin.websocket.WsContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The WebSockets open right now, so a graceful stop can close each with 1001 and a reason. Thread-safe. */
public final class OpenSockets {

    private final Set<WsContext> open = ConcurrentHashMap.newKeySet();

    public void opened(WsContext ctx) {
        open.add(ctx);
    }

    public void closed(WsContext ctx) {
        open.remove(ctx);
    }

    public int count() {
        return open.size();
    }

    /**
     * Closes every open socket with the given code and reason (e.g. 1001 "server shutting down") and waits, at most
     * two seconds, until the close frames are written, so a stop that cuts connections next cannot overtake them.
     */
    public void closeAll(int code, String reason) {
        var written = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
        for (var ctx : open) {
            var sent = new java.util.concurrent.CompletableFuture<Void>();
            try {
                ctx.session.close(code, reason, org.eclipse.jetty.websocket.api.Callback.from(() -> sent.complete(null), sent::completeExceptionally));
            } catch (RuntimeException alreadyGone) {
                sent.complete(null); // The peer vanished first; nothing left to close.
            }
            written.add(sent);
            open.remove(ctx);
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(written.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notAllWritten) {
            // A peer that cannot take its close frame is cut by the stop that follows.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
