package io.voicegate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The floor of the relay benchmark: a byte pump between each accepted TCP connection and one it opens to the target,
 * on a single thread with one selector. It parses nothing (the WebSocket handshake and frames pass through as bytes),
 * so what it costs per frame is what any relay on this machine pays at least: an epoll wake-up, a read and a write.
 * Run as its own process by {@link RelayBench} with {@code --gateway tcp-floor}; prints {@code gateway-ready <port>}
 * and stops when its standard input closes.
 */
public final class TcpForwarder implements Runnable, AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InetSocketAddress target;
    private final Selector selector;
    private final ServerSocketChannel server;

    private TcpForwarder(InetSocketAddress target) throws IOException {
        this.target = target;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** A forwarder to {@code target}, listening on a free loopback port, pumping on its own daemon thread. */
    static TcpForwarder start(InetSocketAddress target) throws IOException {
        var forwarder = new TcpForwarder(target);
        var pump = new Thread(forwarder, "tcp-floor");
        pump.setDaemon(true);
        pump.start();
        return forwarder;
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** One direction of a connection pair: reads from its key's channel, writes to {@code peer}. */
    private static final class Pump {
        final SocketChannel from;
        final SocketChannel to;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        SelectionKey fromKey;
        SelectionKey toKey;
        Pump reverse;

        Pump(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
        }
    }

    @Override
    public void run() {
        try {
            while (selector.isOpen()) {
                selector.select(key -> {
                    try {
                        handle(key);
                    } catch (IOException | java.nio.channels.CancelledKeyException e) {
                        closePair(key); // one connection's end never stops the pump for the others
                    }
                });
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // Closed: the benchmark is over.
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (key.isAcceptable()) {
            accept();
            return;
        }
        var pump = (Pump) key.attachment();
        if (key.isValid() && key.isWritable()) drain(pump.reverse); // this channel is the reverse pump's destination
        if (key.isValid() && key.isReadable()) fill(pump);
    }

    private void accept() throws IOException {
        var client = server.accept();
        if (client == null) return;
        var upstream = SocketChannel.open(target); // blocking connect on loopback, then non-blocking
        for (var channel : new SocketChannel[]{client, upstream}) {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
        }
        var up = new Pump(client, upstream);
        var down = new Pump(upstream, client);
        up.reverse = down;
        down.reverse = up;
        up.fromKey = client.register(selector, SelectionKey.OP_READ, up);
        down.fromKey = upstream.register(selector, SelectionKey.OP_READ, down);
        up.toKey = down.fromKey;
        down.toKey = up.fromKey;
    }

    /** Reads what arrived and writes it on; stops reading this side while the other side's socket is full. */
    private void fill(Pump pump) throws IOException {
        int read = pump.from.read(pump.buffer);
        if (read < 0) throw new IOException("closed");
        drain(pump);
    }

    private void drain(Pump pump) throws IOException {
        pump.buffer.flip();
        pump.to.write(pump.buffer);
        boolean pending = pump.buffer.hasRemaining();
        pump.buffer.compact();
        int fromOps = pending ? 0 : SelectionKey.OP_READ;
        int toOps = (pump.toKey.interestOps() & ~SelectionKey.OP_WRITE) | (pending ? SelectionKey.OP_WRITE : 0);
        if (pump.fromKey.interestOps() != (fromOps | (pump.fromKey.interestOps() & SelectionKey.OP_WRITE))) {
            pump.fromKey.interestOps(fromOps | (pump.fromKey.interestOps() & SelectionKey.OP_WRITE));
        }
        if (pump.toKey.interestOps() != toOps) pump.toKey.interestOps(toOps);
    }

    private static void closePair(SelectionKey key) {
        if (!(key.attachment() instanceof Pump pump)) return;
        for (var channel : new SocketChannel[]{pump.from, pump.to}) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code TcpForwarder <target host> <target port>}. */
    public static void main(String[] args) throws Exception {
        try (var forwarder = start(new InetSocketAddress(args[0], Integer.parseInt(args[1])))) {
            System.out.println("gateway-ready " + forwarder.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the benchmark closes our standard input.
            }
        }
    }
}
