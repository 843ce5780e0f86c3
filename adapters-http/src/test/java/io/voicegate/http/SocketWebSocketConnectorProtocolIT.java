package io.voicegate.http;

import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.UpstreamRefused;
import io.voicegate.testkit.RecordingLinkEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The socket connector against a scripted server on loopback that writes and reads raw RFC 6455 frames, for what the
 * fake provider never does: fragments, pings, masked or malformed frames, a close to answer, a peer that stops reading.
 */
class SocketWebSocketConnectorProtocolIT {

    private static final String KEY = "sk-scripted-secret";
    private final SocketWebSocketConnector connector = SocketWebSocketConnector.start(Duration.ofSeconds(1));
    private final ServerSocket listener;
    private final RecordingLinkEvents events = new RecordingLinkEvents();

    SocketWebSocketConnectorProtocolIT() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        connector.close();
        listener.close();
    }

    @Test
    void every_frame_is_masked_with_a_fresh_key_and_arrives_unchanged() throws Exception {
        var link = open();
        var server = accepted();
        link.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}").toCompletableFuture().get(5, TimeUnit.SECONDS);
        link.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}").toCompletableFuture().get(5, TimeUnit.SECONDS);
        var first = server.readFrame();
        var second = server.readFrame();
        assertThat(first.masked()).isTrue();
        assertThat(first.text()).isEqualTo("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}");
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.maskKey()).isNotEqualTo(first.maskKey());
    }

    @Test
    void a_fragmented_message_reaches_the_bridge_whole_and_a_ping_between_its_fragments_is_answered() throws Exception {
        open();
        var server = accepted();
        server.writeFrame(false, 0x1, "{\"type\":\"response.".getBytes(StandardCharsets.UTF_8));
        server.writeFrame(true, 0x9, "are you there".getBytes(StandardCharsets.UTF_8));
        server.writeFrame(true, 0x0, "done\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(events.next()).isEqualTo("{\"type\":\"response.done\"}");
        var pong = server.readFrame();
        assertThat(pong.opcode()).isEqualTo(0xA);
        assertThat(pong.text()).isEqualTo("are you there");
    }

    @Test
    void the_providers_close_is_answered_with_its_code_and_reaches_the_bridge() throws Exception {
        open();
        var server = accepted();
        server.writeFrame(true, 0x8, closePayload(4001, "session expired"));
        assertThat(events.awaitClose()).isEqualTo("4001 session expired");
        var answer = server.readFrame();
        assertThat(answer.opcode()).isEqualTo(0x8);
        assertThat(answer.closeCode()).isEqualTo(4001);
        assertThat(events.failures()).isEmpty();
    }

    @Test
    void a_masked_frame_from_the_server_fails_the_link_with_1002() throws Exception {
        open();
        var server = accepted();
        server.writeRaw(new byte[]{(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
        assertThat(server.readFrame().closeCode()).isEqualTo(1002);
        assertThat(events.awaitFailure()).hasMessageContaining("masked");
        assertThat(events.delivered()).isNull();
    }

    @Test
    void text_that_is_not_utf8_fails_the_link_with_1007() throws Exception {
        open();
        var server = accepted();
        server.writeFrame(true, 0x1, new byte[]{'{', (byte) 0xC3, '}'});
        assertThat(server.readFrame().closeCode()).isEqualTo(1007);
        assertThat(events.awaitFailure()).hasMessageContaining("UTF-8");
        assertThat(events.delivered()).isNull();
    }

    @Test
    void a_provider_that_stops_reading_is_cut_off_after_the_write_timeout() throws Exception {
        var link = open();
        accepted(); // ... and never reads what the link writes.
        var chunk = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + "A".repeat(64 * 1024) + "\"}";
        var writer = CompletableFuture.supplyAsync(() -> {
            for (int sent = 0; ; sent++) {
                try {
                    link.send(chunk).toCompletableFuture().join();
                } catch (RuntimeException failed) {
                    return sent;
                }
            }
        });
        assertThat(writer.get(10, TimeUnit.SECONDS)).as("frames the kernel took before the writer blocked").isPositive();
        assertThat(events.awaitFailure()).isNotNull();
    }

    @Test
    void a_wrong_sec_websocket_accept_fails_the_handshake_without_a_refusal() throws Exception {
        var stage = connect();
        try (var socket = listener.accept()) {
            readRequestHead(socket.getInputStream());
            socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBhbnN3ZXI=\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void a_chunked_refusal_reaches_the_adapter_with_status_headers_and_body_and_no_secret_in_its_message() throws Exception {
        var stage = connect();
        try (var socket = listener.accept()) {
            var head = readRequestHead(socket.getInputStream());
            assertThat(head).startsWith("GET /v1/realtime?model=gpt-realtime HTTP/1.1\r\n")
                    .contains("Host: 127.0.0.1:" + listener.getLocalPort() + "\r\n", "Upgrade: websocket\r\n",
                            "Sec-WebSocket-Version: 13\r\n", "User-Agent: Voicegate\r\n", "Authorization: Bearer " + KEY + "\r\n");
            socket.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\nRetry-After: 3\r\n\r\n"
                    + "b\r\n{\"error\":1}\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            var failure = assertThatThrownBy(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS)).actual();
            var refused = (UpstreamRefused) failure.getCause();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).contains("3");
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":1}");
            assertThat(refused.getMessage()).doesNotContain(KEY);
        }
    }

    private CompletionStage<UpstreamLink> connect() {
        var uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/v1/realtime?model=gpt-realtime");
        return connector.connect(new UpstreamAddress(uri, Map.of("Authorization", "Bearer " + KEY), Duration.ofSeconds(5)), events);
    }

    private Socket pending;

    /** Connects, and answers the handshake as a server would. */
    private UpstreamLink open() throws Exception {
        var stage = connect();
        pending = listener.accept();
        var head = readRequestHead(pending.getInputStream());
        var key = head.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow().substring(19);
        var accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        pending.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private ScriptedServer accepted() throws IOException {
        pending.setSoTimeout(5_000);
        return new ScriptedServer(pending);
    }

    private static String readRequestHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("the client left during its handshake");
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] closePayload(int code, String reason) {
        var reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        var payload = new byte[2 + reasonBytes.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reasonBytes, 0, payload, 2, reasonBytes.length);
        return payload;
    }

    /** A frame as the client sent it, unmasked. */
    private record ClientFrame(int opcode, boolean masked, int maskKey, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
        }
    }

    private record ScriptedServer(Socket socket) {

        void writeFrame(boolean fin, int opcode, byte[] payload) throws IOException {
            var frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | opcode);
            frame.write(payload.length); // the scripts send short frames
            frame.write(payload);
            writeRaw(frame.toByteArray());
        }

        void writeRaw(byte[] bytes) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        ClientFrame readFrame() throws IOException {
            var in = new DataInputStream(socket.getInputStream());
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) length = in.readUnsignedShort();
            else if (length == 127) length = in.readLong();
            boolean masked = (second & 0x80) != 0;
            int key = masked ? in.readInt() : 0;
            var payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) payload[i] ^= (byte) (key >>> (24 - 8 * (i % 4)));
            return new ClientFrame(first & 0x0F, masked, key, payload);
        }
    }
}
