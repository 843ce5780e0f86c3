package io.voicegate.http;

/** The WebSocket frame opcodes Voicegate's upstream client reads and writes (RFC 6455 section 5.2). */
final class Opcode {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private Opcode() {
    }
}
