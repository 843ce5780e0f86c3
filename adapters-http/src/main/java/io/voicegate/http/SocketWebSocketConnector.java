package io.voicegate.http;

import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.WebSocketConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relays' upstream WebSockets on blocking sockets: one thread per link reads its frames and hands each to the
 * bridge itself, and the bridge's sends are written on the thread that sends. No selector, no hand-off between threads
 * per frame, no intermediate queue: a relayed frame costs a read, a decode, the bridge and a write.
 *
 * <p>A provider that stops reading blocks its writer; one watchdog thread closes a socket whose write has been blocked
 * longer than the write timeout, or whose close went unanswered for {@value #CLOSE_ANSWER_WAIT_SECONDS} s. TLS ({@code
 * wss:}) verifies the server's name against its certificate. Thread-safe; close it at shutdown.
 */
public final class SocketWebSocketConnector implements WebSocketConnector, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketWebSocketConnector.class);
    /** Realtime events carry base64 audio; an answer of several seconds of audio fits well within this. */
    private static final long MAX_MESSAGE_BYTES = 16L * 1024 * 1024;
    private static final int CLOSE_ANSWER_WAIT_SECONDS = 5;
    private static final int READ_BUFFER_BYTES = 8 * 1024;

    private final SSLSocketFactory tls;
    private final Executor threads;
    private final Duration writeTimeout;
    private final SecureRandom random = new SecureRandom();
    private final Set<SocketUpstreamLink> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    /** The threads that read the links. */
    public enum Readers {
        /**
         * One platform thread per link, woken by the kernel when data arrives: the least CPU per frame (measured in
         * {@code bench/RESULTS.md}); a thread's stack per open relay.
         */
        PLATFORM_THREADS,
        /** One virtual thread per link where the JDK has them (21+), platform threads otherwise: more CPU per frame, less memory per link. */
        VIRTUAL_THREADS
    }

    private SocketWebSocketConnector(SSLContext tls, Duration writeTimeout, Readers readers) {
        this.tls = tls.getSocketFactory();
        this.writeTimeout = writeTimeout;
        var virtual = readers == Readers.VIRTUAL_THREADS ? VirtualThreads.getNamedVirtualThreadsExecutor("voicegate-upstream") : null;
        this.threads = virtual != null ? virtual : platformThreads();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "voicegate-upstream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::closeStuckSockets, 1, 1, TimeUnit.SECONDS);
    }

    /** A connector on platform threads trusting what the JVM's default TLS context trusts. */
    public static SocketWebSocketConnector start(Duration writeTimeout) {
        return start(writeTimeout, Readers.PLATFORM_THREADS);
    }

    /** A connector trusting what the JVM's default TLS context trusts. */
    public static SocketWebSocketConnector start(Duration writeTimeout, Readers readers) {
        try {
            return start(SSLContext.getDefault(), writeTimeout, readers);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no default TLS context.", e);
        }
    }

    /**
     * A connector trusting what {@code tls} trusts.
     *
     * @param writeTimeout how long a write may stay blocked by a provider that does not read before its socket closes
     * @param readers      the threads that read the links
     */
    public static SocketWebSocketConnector start(SSLContext tls, Duration writeTimeout, Readers readers) {
        return new SocketWebSocketConnector(tls, writeTimeout, readers);
    }

    @Override
    public CompletionStage<UpstreamLink> connect(UpstreamAddress address, LinkEvents events) {
        var opened = new CompletableFuture<UpstreamLink>();
        try {
            threads.execute(() -> run(address, events, opened));
        } catch (RuntimeException rejected) {
            opened.completeExceptionally(rejected);
        }
        return opened;
    }

    private void run(UpstreamAddress address, LinkEvents events, CompletableFuture<UpstreamLink> opened) {
        SocketUpstreamLink link;
        try {
            link = handshake(address, events);
        } catch (IOException | RuntimeException failure) {
            opened.completeExceptionally(failure);
            return;
        }
        open.add(link);
        try {
            if (opened.complete(link)) link.readLoop(); // closes the socket when it ends
            else link.closeSocket(); // nobody waits for this link any more
        } finally {
            open.remove(link);
        }
    }

    private SocketUpstreamLink handshake(UpstreamAddress address, LinkEvents events) throws IOException {
        var uri = address.uri();
        long deadline = System.nanoTime() + address.connectTimeout().toNanos();
        var socket = connect(uri, deadline);
        try {
            socket.setSoTimeout(remainingMillis(deadline));
            var in = new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES);
            var out = socket.getOutputStream();
            ClientHandshake.perform(uri, address.headers(), in, out, random);
            socket.setSoTimeout(0); // The bridge decides when a relay is idle, per session policy.
            return new SocketUpstreamLink(socket, in, out, random, MAX_MESSAGE_BYTES, events);
        } catch (IOException | RuntimeException failure) {
            socket.close();
            throw failure;
        }
    }

    private Socket connect(URI uri, long deadline) throws IOException {
        boolean secure = ClientHandshake.isSecure(uri);
        var host = uri.getHost();
        if (host == null) throw new IllegalArgumentException("The upstream URI has no host.");
        var bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        var plain = reach(InetAddress.getAllByName(bare), port, deadline);
        if (!secure) return plain;
        try {
            var socket = (SSLSocket) tls.createSocket(plain, bare, port, true);
            var parameters = socket.getSSLParameters(); // names the host (SNI) unless it is an IP literal
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(remainingMillis(deadline));
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException failure) {
            plain.close();
            throw failure;
        }
    }

    /**
     * A TCP connection to the first of the host's addresses that answers before the deadline, tried in DNS order. The
     * socket is a channel's: its timed operations (connect, handshake) return the descriptor to blocking mode
     * afterwards, so each later read is one blocking {@code read}, where a plain {@code Socket} stays non-blocking
     * after its first timed operation and pays a failed read and a {@code poll} per frame.
     */
    private static Socket reach(InetAddress[] addresses, int port, long deadline) throws IOException {
        IOException last = null;
        for (var address : addresses) {
            var socket = SocketChannel.open().socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
                return socket;
            } catch (IOException unreachable) {
                socket.close();
                if (last != null) unreachable.addSuppressed(last);
                last = unreachable;
                if (unreachable instanceof java.net.SocketTimeoutException) break;
            }
        }
        throw last;
    }

    private static int remainingMillis(long deadline) throws java.net.SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) throw new java.net.SocketTimeoutException("The upstream handshake timed out.");
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private void closeStuckSockets() {
        long now = System.nanoTime();
        for (var link : open) {
            if (link.writingFor(now) > writeTimeout.toNanos()) {
                LOG.warn("An upstream WebSocket did not take a frame for {} s; closing it.", writeTimeout.toSeconds());
                link.closeSocket();
            } else if (link.closeUnansweredFor(now, TimeUnit.SECONDS.toNanos(CLOSE_ANSWER_WAIT_SECONDS))) {
                link.closeSocket();
            }
        }
    }

    /** Number of upstream WebSockets open now. */
    public int openCount() {
        return open.size();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        open.forEach(SocketUpstreamLink::closeSocket);
    }

    private static Executor platformThreads() {
        var count = new AtomicInteger();
        return task -> {
            var thread = new Thread(task, "voicegate-upstream-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        };
    }
}
