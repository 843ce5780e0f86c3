package io.voicegate.http;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Writes a WebSocket client's frames (RFC 6455 section 5): always masked, each with a fresh key from a strong source
 * (section 5.3), the payload masked in place eight bytes at a time. Not thread-safe: the link serializes writes.
 */
final class ClientFrameWriter {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int KEYS_PER_DRAW = 64;

    private final OutputStream out;
    private final SecureRandom random;
    private final byte[] keys = new byte[4 * KEYS_PER_DRAW];
    private int nextKey = KEYS_PER_DRAW;

    /** @param out unbuffered: each frame leaves in one write of its header and payload together */
    ClientFrameWriter(OutputStream out, SecureRandom random) {
        this.out = out;
        this.random = random;
    }

    void text(String text) throws IOException {
        frame(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with this code and a reason of at most 123 bytes of UTF-8. */
    void close(int code, byte[] reason) throws IOException {
        var payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        frame(Opcode.CLOSE, payload);
    }

    void pong(byte[] payload) throws IOException {
        frame(Opcode.PONG, payload);
    }

    /** Writes one final frame, header and masked payload in one write. */
    private void frame(int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        int headerLength = (length < 126 ? 2 : length <= 0xFFFF ? 4 : 10) + 4;
        var frame = new byte[headerLength + length];
        int at = 0;
        frame[at++] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[at++] = (byte) (0x80 | length);
        } else if (length <= 0xFFFF) {
            frame[at++] = (byte) (0x80 | 126);
            frame[at++] = (byte) (length >>> 8);
            frame[at++] = (byte) length;
        } else {
            frame[at++] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) frame[at++] = (byte) ((long) length >>> shift);
        }
        int key = nextKey();
        frame[at++] = (byte) (key >>> 24);
        frame[at++] = (byte) (key >>> 16);
        frame[at++] = (byte) (key >>> 8);
        frame[at++] = (byte) key;
        System.arraycopy(payload, 0, frame, at, length);
        mask(frame, at, key);
        out.write(frame);
    }

    private int nextKey() {
        if (nextKey == KEYS_PER_DRAW) {
            random.nextBytes(keys);
            nextKey = 0;
        }
        int at = 4 * nextKey++;
        return (keys[at] & 0xFF) << 24 | (keys[at + 1] & 0xFF) << 16 | (keys[at + 2] & 0xFF) << 8 | (keys[at + 3] & 0xFF);
    }

    /** XORs {@code bytes} from {@code from} on with the key repeated (section 5.3), its first byte on the first. */
    static void mask(byte[] bytes, int from, int key) {
        long wide = (key & 0xFFFFFFFFL) << 32 | (key & 0xFFFFFFFFL);
        int i = from;
        for (int whole = from + ((bytes.length - from) & ~7); i < whole; i += 8) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ wide);
        }
        for (; i < bytes.length; i++) bytes[i] ^= (byte) (key >>> (24 - 8 * ((i - from) & 3)));
    }
}
