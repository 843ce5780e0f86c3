package io.voicegate.http;

import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.UpstreamRefused;
import io.voicegate.core.realtime.WebSocketConnector;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The relays' upstream WebSockets on Jetty's client: one client, one selector and one small thread pool for every
 * provider's relays. A frame that arrives is handed to the bridge on the thread that read it, and the next is read
 * only when the bridge is ready (Jetty's explicit demand), so a slow client slows the provider's socket instead of
 * filling memory. Sends are queued by Jetty and written in call order, exactly as given. Thread-safe; close it at
 * shutdown.
 */
public final class JettyWebSocketConnector implements WebSocketConnector, AutoCloseable {

    /** Realtime events carry base64 audio; an answer of several seconds of audio fits well within this. */
    private static final long MAX_MESSAGE_BYTES = 16L * 1024 * 1024;
    private static final int MAX_REFUSAL_BODY_BYTES = 64 * 1024;
    private static final Duration CLOSE_ANSWER_WAIT = Duration.ofSeconds(5);

    private final WebSocketClient client;

    private JettyWebSocketConnector(WebSocketClient client) {
        this.client = client;
    }

    /** A started connector on platform threads, trusting what the JVM's default TLS context trusts. */
    public static JettyWebSocketConnector start() {
        return start(false);
    }

    /**
     * A started connector trusting what the JVM's default TLS context trusts.
     *
     * @param virtualThreads hand frames to the bridge on virtual threads where the JDK has them (21+)
     */
    public static JettyWebSocketConnector start(boolean virtualThreads) {
        try {
            return start(SSLContext.getDefault(), virtualThreads);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no default TLS context.", e);
        }
    }

    /** A started connector trusting what {@code sslContext} trusts. */
    public static JettyWebSocketConnector start(SSLContext sslContext, boolean virtualThreads) {
        var tls = new SslContextFactory.Client();
        tls.setSslContext(sslContext);
        var threads = new QueuedThreadPool(64, 2);
        threads.setName("voicegate-upstream");
        threads.setDaemon(true);
        if (virtualThreads && VirtualThreads.areSupported()) threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("voicegate-upstream-vt"));
        var http = new HttpClient();
        http.setSslContextFactory(tls);
        http.setExecutor(threads);
        http.setName("voicegate-upstream");
        var client = new WebSocketClient(http);
        client.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        client.setIdleTimeout(Duration.ZERO); // The bridge decides when a relay is idle, per session policy.
        client.setStopAtShutdown(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("The upstream WebSocket client could not start: " + e.getClass().getSimpleName(), e);
        }
        return new JettyWebSocketConnector(client);
    }

    @Override
    public CompletionStage<UpstreamLink> connect(UpstreamAddress address, LinkEvents events) {
        var link = new Link(events, client.getHttpClient().getScheduler());
        var request = new ClientUpgradeRequest();
        address.headers().forEach(request::setHeader);
        request.setTimeout(address.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        var refusal = new RefusalCapture();
        try {
            return client.connect(link, address.uri(), request, refusal)
                    .handle((session, failure) -> {
                        if (failure == null) return (UpstreamLink) link;
                        throw new CompletionException(refusal.explain(failure));
                    });
        } catch (java.io.IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Number of upstream WebSockets open now. */
    public int openCount() {
        return client.getOpenSessions().size();
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // Stopping is best effort at shutdown; open sockets die with the process.
        }
    }

    /** Keeps the status, headers and (bounded) body of a handshake the server answered without switching protocols. */
    private static final class RefusalCapture implements JettyUpgradeListener {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private volatile Response response;

        @Override
        public void onHandshakeRequest(Request request) {
            request.onResponseContent((response, content) -> {
                synchronized (body) {
                    int room = MAX_REFUSAL_BODY_BYTES - body.size();
                    int take = Math.min(room, content.remaining());
                    if (take <= 0) return;
                    var bytes = new byte[take];
                    content.duplicate().get(bytes);
                    body.write(bytes, 0, take);
                }
            });
        }

        @Override
        public void onHandshakeResponse(Request request, Response response) {
            this.response = response;
        }

        Throwable explain(Throwable failure) {
            var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            var answered = response;
            int status = cause instanceof UpgradeException upgrade ? upgrade.getResponseStatusCode() : 0;
            if (status <= 0 && answered != null && answered.getStatus() != 101) status = answered.getStatus();
            if (status <= 0 || status == 101) return cause;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (answered != null) {
                answered.getHeaders().forEach(field -> headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue()));
            }
            synchronized (body) {
                return new UpstreamRefused(status, headers, body.toByteArray());
            }
        }
    }

    /** One upstream WebSocket: whole text messages to the bridge, on demand. Public only for Jetty's method handles. */
    public static final class Link implements Session.Listener, UpstreamLink {

        private final LinkEvents events;
        private final Scheduler scheduler;
        private volatile Session session;

        Link(LinkEvents events, Scheduler scheduler) {
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
            events.onClosed(code, reason == null ? "" : reason);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            events.onFailed(cause);
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
}
