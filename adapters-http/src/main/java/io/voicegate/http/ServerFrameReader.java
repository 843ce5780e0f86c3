package io.voicegate.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the frames a WebSocket server sends its client (RFC 6455 section 5.2): unmasked, no extension bits (none was
 * negotiated), control frames short and whole. Hands out each frame's opcode, finality and payload; message assembly
 * and the meaning of control frames are the link's. Not thread-safe: one reader per socket.
 */
final class ServerFrameReader {

    /** A frame broke the protocol; the link closes with {@link #code}. */
    static final class ProtocolViolation extends IOException {
        final int code;

        ProtocolViolation(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final InputStream in;
    private final long maxPayload;
    private int opcode;
    private boolean fin;
    private byte[] payload;

    /** @param in buffered; @param maxPayload the longest payload accepted, in bytes (longer: close 1009) */
    ServerFrameReader(InputStream in, long maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /** Reads the next frame; {@link EOFException} when the stream ends before or inside one. */
    void next() throws IOException {
        int first = in.read();
        if (first < 0) throw new EOFException("The connection ended.");
        int second = readByte();
        if ((first & 0x70) != 0) throw new ProtocolViolation(1002, "A frame used extension bits that were not negotiated.");
        if ((second & 0x80) != 0) throw new ProtocolViolation(1002, "The server masked a frame.");
        opcode = first & 0x0F;
        fin = (first & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = (long) readByte() << 8 | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) length = length << 8 | readByte();
            if (length < 0) throw new ProtocolViolation(1002, "A frame's length was negative.");
        }
        boolean control = (opcode & 0x8) != 0;
        if (control && (length > 125 || !fin)) throw new ProtocolViolation(1002, "A control frame was long or fragmented.");
        if (!control && opcode > Opcode.BINARY) throw new ProtocolViolation(1002, "A frame had an unknown opcode.");
        if (control && opcode > Opcode.PONG) throw new ProtocolViolation(1002, "A frame had an unknown opcode.");
        if (length > maxPayload) throw new ProtocolViolation(1009, "A frame was larger than " + maxPayload + " bytes.");
        payload = in.readNBytes((int) length);
        if (payload.length < length) throw new EOFException("The connection ended inside a frame.");
    }

    int opcode() {
        return opcode;
    }

    boolean fin() {
        return fin;
    }

    byte[] payload() {
        return payload;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("The connection ended inside a frame header.");
        return b;
    }
}
