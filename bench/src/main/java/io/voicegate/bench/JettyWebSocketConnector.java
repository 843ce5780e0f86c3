package io.voicegate.bench;

import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.WebSocketConnector;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;


import javax.net.ssl.SSLContext;
import java.time.Duration;
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
        var link = new JettyUpstreamLink(events, client.getHttpClient().getScheduler());
        var request = new ClientUpgradeRequest();
        address.headers().forEach(request::setHeader);
        request.setTimeout(address.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        var refusal = new HandshakeRefusal();
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
}
