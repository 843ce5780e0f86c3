package io.voicegate.http;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.voicegate.core.VoicegateException;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RealtimeBridge;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayTarget;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The client's side of a relay route on a Javalin WebSocket, shared by every provider's relay: the upgrade handler
 * {@linkplain #accept accepts} a session and says where it goes, then this starts core's bridge when the client is
 * connected, feeds it the client's frames (reading the next only when the upstream has room), and tells it the
 * client's close or failure. Refusals before the upgrade are {@linkplain #refuse written} in the route's error shape.
 */
final class RelaySocket {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RelaySocket.class);
    private static final String ACCEPTED = "voicegate.relay.accepted";
    private static final String BRIDGE = "voicegate.relay.bridge";

    /** What an upgrade accepted: the session, and where its relay goes (found once the client is connected). */
    private record Accepted(RelaySessions.RelaySession session, Supplier<RelayTarget> target) {
    }

    private final OpenSockets sockets;
    private final OpenRelay openRelay;
    private final RelayLimits limits;

    RelaySocket(OpenSockets sockets, OpenRelay openRelay, RelayLimits limits) {
        this.sockets = sockets;
        this.openRelay = openRelay;
        this.limits = limits;
    }

    /** Called by the upgrade handler once every check passed: the socket about to open relays this session. */
    static void accept(Context ctx, RelaySessions.RelaySession session, Supplier<RelayTarget> target) {
        ctx.attribute(ACCEPTED, new Accepted(session, target));
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            sockets.opened(ctx);
            Accepted accepted = ctx.attribute(ACCEPTED);
            var session = accepted.session();
            var client = new JavalinClientLink(ctx);
            try {
                var target = accepted.target().get();
                ctx.attribute(BRIDGE, openRelay.handle(new OpenRelay.Command(session.sessionRef(), client,
                        target.upstream(), target.protocol(), session.observer(), limits)));
            } catch (RuntimeException e) {
                LOG.error("Could not start the relay for session {}", session.sessionRef(), e);
                session.observer().ended(new RelayEnd(RelayEnd.Reason.UPSTREAM_ERROR, 1011, "The relay could not start."));
                client.close(1011, "The relay could not start.");
            }
        });
        ws.onMessage(ctx -> {
            var bridge = bridge(ctx);
            if (bridge == null) return;
            var ready = bridge.clientEvents().onFrame(ctx.message()).toCompletableFuture();
            if (!ready.isDone()) awaitUpstream(ready);
        });
        ws.onClose(ctx -> {
            sockets.closed(ctx);
            var bridge = bridge(ctx);
            if (bridge != null) bridge.clientEvents().onClosed(ctx.status(), ctx.reason() == null ? "" : ctx.reason());
        });
        ws.onError(ctx -> {
            sockets.closed(ctx);
            var bridge = bridge(ctx);
            if (bridge != null) bridge.clientEvents().onFailed(ctx.error() == null ? new IOException("client socket error") : ctx.error());
        });
    }

    /** Backpressure: the next client frame is read only when the upstream has room (bounded by the stall limit). */
    private void awaitUpstream(CompletableFuture<Void> ready) {
        try {
            ready.get(limits.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stalled) {
            // The bridge's stall check ends the relay; reading on lets the client see the close.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RealtimeBridge bridge(WsContext ctx) {
        return ctx.attribute(BRIDGE);
    }

    /** The subprotocols the client offered in its handshake, in its order. */
    static String[] offeredSubprotocols(Context ctx) {
        var header = ctx.header("Sec-WebSocket-Protocol");
        if (header == null) return new String[0];
        return java.util.Arrays.stream(header.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toArray(String[]::new);
    }

    /**
     * Answers the upgrade request with the refusal in the route's error shape ({@code errors} sets the body and its
     * content type); Javalin writes no result on the upgrade path, so the body is written here.
     */
    static void refuse(Context ctx, ErrorBody errors, VoicegateException refusal) {
        int status = ErrorResponses.statusOf(refusal);
        refusal.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        errors.write(ctx, status, refusal.code(), ErrorResponses.titleOf(status), refusal.getMessage(), refusal);
        var contentType = ctx.res().getContentType();
        ctx.res().setHeader("Sec-WebSocket-Protocol", null);
        try (var body = ctx.resultInputStream()) {
            var res = ctx.res();
            res.setStatus(status);
            res.setContentType(contentType);
            if (body != null) body.transferTo(res.getOutputStream());
            res.getOutputStream().flush();
        } catch (IOException clientGone) {
            // Nothing more to tell a client that left.
        }
        ctx.skipRemainingHandlers();
    }
}
