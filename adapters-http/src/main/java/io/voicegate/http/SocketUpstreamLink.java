package io.voicegate.http;

import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.UpstreamLink;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One upstream WebSocket of a relay on a blocking socket, after its handshake. Its own thread {@linkplain #readLoop
 * reads}: each whole text message goes to the bridge on that thread, and the next is read only once the bridge is
 * ready. {@link #send} writes on the caller's thread, one frame at a time in call order, and completes when the frame
 * is with the kernel; a peer that stops reading blocks the writer until the connector's write timeout closes the
 * socket. Pings are answered, binary messages ignored (realtime providers send text).
 */
final class SocketUpstreamLink implements UpstreamLink {

    private static final CompletableFuture<Void> SENT = CompletableFuture.completedFuture(null);
    private static final long CLOSE_LOCK_WAIT_MILLIS = 1_000;
    private static final long NOT_SENT = Long.MIN_VALUE;
    private static final byte[] NO_REASON = new byte[0];

    private final Socket socket;
    private final InputStream in;
    private final ClientFrameWriter writer;
    private final long maxMessageBytes;
    private final LinkEvents events;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile long writingSince;
    /** When this link sent its close frame ({@link System#nanoTime}), or {@link #NOT_SENT}. */
    private final AtomicLong closeSentAt = new AtomicLong(NOT_SENT);
    /** The text message being assembled from fragments, and whether a fragmented binary one is being skipped (reader only). */
    private ByteArrayOutputStream message;
    private boolean skippingBinary;

    SocketUpstreamLink(Socket socket, InputStream in, OutputStream out, SecureRandom random, long maxMessageBytes, LinkEvents events) {
        this.socket = socket;
        this.events = events;
        this.in = in;
        this.writer = new ClientFrameWriter(out, random);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        if (closeSent() || socket.isClosed()) return CompletableFuture.failedFuture(new IOException("The upstream is closed."));
        writing.lock();
        try {
            writingSince = System.nanoTime();
            writer.text(frame);
            return SENT;
        } catch (IOException | RuntimeException broken) {
            closeSocket();
            return CompletableFuture.failedFuture(broken);
        } finally {
            writingSince = 0;
            writing.unlock();
        }
    }

    @Override
    public void close(int code, String reason) {
        if (socket.isClosed()) return;
        // Codes an endpoint may send; anything else becomes a normal closure.
        int legal = (code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006)
                || (code >= 3000 && code <= 4999) ? code : 1000;
        sendClose(legal, closeReason(reason));
    }

    /** The reason's UTF-8, cut at a character boundary to the 123 bytes a close frame allows. */
    static byte[] closeReason(String reason) {
        var bytes = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) return bytes;
        int end = 123;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) end--;
        return java.util.Arrays.copyOf(bytes, end);
    }

    private boolean closeSent() {
        return closeSentAt.get() != NOT_SENT;
    }

    /** Whether this link sent its close more than {@code nanos} ago without the socket being closed since. */
    boolean closeUnansweredFor(long nowNanos, long nanos) {
        long sentAt = closeSentAt.get();
        return sentAt != NOT_SENT && !socket.isClosed() && nowNanos - sentAt > nanos;
    }

    /** How long the current write has been blocked, in nanoseconds; 0 when none is under way. */
    long writingFor(long nowNanos) {
        long since = writingSince;
        return since == 0 ? 0 : nowNanos - since;
    }

    /** Reads until the connection ends; reports the peer's close or the failure to {@code events}, then closes. */
    void readLoop() {
        var frames = new ServerFrameReader(in, maxMessageBytes);
        try {
            while (true) {
                frames.next();
                int opcode = frames.opcode();
                if (opcode == Opcode.CLOSE) {
                    peerClosed(frames.payload());
                    return;
                }
                if (opcode == Opcode.PING) pong(frames.payload());
                else if (opcode != Opcode.PONG) onDataFrame(opcode, frames.fin(), frames.payload());
            }
        } catch (ServerFrameReader.ProtocolViolation violation) {
            if (sendClose(violation.code, NO_REASON)) events.onFailed(violation);
        } catch (IOException | RuntimeException failure) {
            if (!closeSent()) events.onFailed(failure instanceof EOFException
                    ? new EOFException("The provider closed the connection without a close frame.") : failure);
        } finally {
            closeSocket();
        }
    }

    /** Text messages go whole to the bridge, binary ones are skipped. On the reading thread only. */
    private void onDataFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        if (opcode != Opcode.CONTINUATION) {
            if (message != null || skippingBinary) throw violation(1002, "A message began inside another.");
            if (opcode == Opcode.BINARY) {
                skippingBinary = !fin;
            } else if (fin) {
                deliver(payload);
            } else {
                message = new ByteArrayOutputStream(payload.length * 2);
                message.write(payload);
            }
            return;
        }
        if (skippingBinary) {
            skippingBinary = !fin;
            return;
        }
        if (message == null) throw violation(1002, "A continuation frame began no message.");
        if (message.size() + (long) payload.length > maxMessageBytes) throw violation(1009, "A message was larger than " + maxMessageBytes + " bytes.");
        message.write(payload);
        if (fin) {
            var whole = message.toByteArray();
            message = null;
            deliver(whole);
        }
    }

    private void deliver(byte[] payload) throws ServerFrameReader.ProtocolViolation {
        var ready = events.onFrame(utf8(payload)).toCompletableFuture();
        if (ready.isDone()) return;
        try {
            ready.join();
        } catch (RuntimeException failedOrCancelled) {
            // The bridge reports its own failures; reading goes on until the relay closes this link.
        }
    }

    private void peerClosed(byte[] payload) throws ServerFrameReader.ProtocolViolation {
        if (payload.length == 1) throw violation(1002, "A close frame had a one-byte body.");
        int code = payload.length == 0 ? 1005 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        var reason = payload.length > 2 ? utf8(java.util.Arrays.copyOfRange(payload, 2, payload.length)) : "";
        sendClose(code == 1005 ? 1000 : code, NO_REASON);
        events.onClosed(code, reason);
    }

    /** Answers a ping once the frame being written is out (the watchdog ends a write that never finishes). */
    private void pong(byte[] payload) throws IOException {
        writing.lock();
        try {
            writer.pong(payload);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Sends this link's one close frame, waiting a bounded time for a blocked data write and giving up on the socket if
     * it can't. False when a close was sent already.
     */
    private boolean sendClose(int code, byte[] reason) {
        if (!closeSentAt.compareAndSet(NOT_SENT, System.nanoTime())) return false;
        try {
            if (!writing.tryLock(CLOSE_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                closeSocket();
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeSocket();
            return true;
        }
        try {
            writer.close(code, reason);
        } catch (IOException | RuntimeException broken) {
            closeSocket();
        } finally {
            writing.unlock();
        }
        return true;
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the descriptor is released either way.
        }
    }

    private static ServerFrameReader.ProtocolViolation violation(int code, String message) {
        return new ServerFrameReader.ProtocolViolation(code, message);
    }

    /** Strict UTF-8 (RFC 6455 section 8.1): the JDK's fast decoder, checked by a reporting one only if it replaced something. */
    private static String utf8(byte[] bytes) throws ServerFrameReader.ProtocolViolation {
        var text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) return text;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw violation(1007, "A text frame was not valid UTF-8.");
        }
    }
}
