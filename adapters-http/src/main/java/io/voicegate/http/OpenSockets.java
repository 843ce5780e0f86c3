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

    /** Closes every open socket with the given code and reason (e.g. 1001 "server shutting down"). */
    public void closeAll(int code, String reason) {
        for (var ctx : open) {
            try {
                ctx.closeSession(code, reason);
            } catch (RuntimeException alreadyGone) {
                // The peer vanished first; nothing left to close.
            }
            open.remove(ctx);
        }
    }
}
