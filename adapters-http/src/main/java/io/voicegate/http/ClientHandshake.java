package io.voicegate.http;

import io.voicegate.core.realtime.UpstreamRefused;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's opening handshake (RFC 6455 section 4.1) over HTTP/1.1: sends the upgrade request with the address's
 * headers, then reads the answer. A 101 with the right {@code Sec-WebSocket-Accept} opens the connection; any other
 * status becomes {@link UpstreamRefused} with the answer's headers and (bounded) body. Header values never reach an
 * exception message: they carry credentials.
 */
final class ClientHandshake {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_REFUSAL_BODY_BYTES = 64 * 1024;

    private ClientHandshake() {
    }

    static void perform(URI uri, Map<String, String> headers, InputStream in, OutputStream out, SecureRandom random) throws IOException {
        var nonce = new byte[16];
        random.nextBytes(nonce);
        var key = Base64.getEncoder().encodeToString(nonce);
        out.write(request(uri, headers, key).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        var statusLine = line(in);
        var answer = readHeaders(in);
        int status = status(statusLine);
        if (status != 101) throw new UpstreamRefused(status, answer, refusalBody(in, answer));
        if (!"websocket".equalsIgnoreCase(first(answer, "upgrade"))) throw new ProtocolException("The server switched to another protocol than WebSocket.");
        if (!expectedAccept(key).equals(first(answer, "sec-websocket-accept"))) throw new ProtocolException("The server's Sec-WebSocket-Accept did not match the key sent.");
        if (first(answer, "sec-websocket-extensions") != null) throw new ProtocolException("The server chose an extension that was not offered.");
    }

    private static String request(URI uri, Map<String, String> headers, String key) {
        var target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) target += "?" + uri.getRawQuery();
        var request = new StringBuilder(512).append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader(uri)).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (headers.keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) request.append("User-Agent: Voicegate\r\n");
        headers.forEach((name, value) -> {
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("A handshake header (" + name.strip() + ") contains a line break.");
            }
            request.append(name).append(": ").append(value).append("\r\n");
        });
        return request.append("\r\n").toString();
    }

    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 443 && isSecure(uri)) || (port == 80 && !isSecure(uri));
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    static boolean isSecure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    static String expectedAccept(String key) {
        try {
            var sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-1, which the WebSocket handshake requires.", e);
        }
    }

    private static int status(String statusLine) throws ProtocolException {
        var parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) throw new ProtocolException("The server did not answer in HTTP/1.1.");
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("The server's status line had no status code.");
        }
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        var headers = new TreeMap<String, List<String>>();
        int bytes = 0;
        for (var line = line(in); !line.isEmpty(); line = line(in)) {
            bytes += line.length();
            if (bytes > MAX_HEAD_BYTES) throw new ProtocolException("The server's answer head was larger than " + MAX_HEAD_BYTES + " bytes.");
            int colon = line.indexOf(':');
            if (colon <= 0) throw new ProtocolException("The server's answer had a malformed header line.");
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        var values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The refusal's body, or none when it cannot be read in time: the status is what matters. */
    private static byte[] refusalBody(InputStream in, Map<String, List<String>> headers) {
        try {
            return body(in, headers);
        } catch (IOException unreadable) {
            return new byte[0];
        }
    }

    /** The refusal's body: by Content-Length, chunked, or up to the end; at most {@value #MAX_REFUSAL_BODY_BYTES} bytes. */
    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        var length = first(headers, "content-length");
        if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) return chunked(in);
        if (length != null) {
            try {
                return in.readNBytes((int) Math.max(0, Math.min(Long.parseLong(length), MAX_REFUSAL_BODY_BYTES)));
            } catch (NumberFormatException e) {
                return new byte[0];
            }
        }
        return in.readNBytes(MAX_REFUSAL_BODY_BYTES);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        var body = new ByteArrayOutputStream();
        while (body.size() < MAX_REFUSAL_BODY_BYTES) {
            var sizeLine = line(in);
            int extension = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) break;
            body.write(in.readNBytes(Math.min(size, MAX_REFUSAL_BODY_BYTES - body.size())));
            line(in);
        }
        return body.toByteArray();
    }

    /** One line of the answer head, without its CRLF. */
    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new EOFException("The server closed the connection during the handshake.");
            if (line.length() > MAX_HEAD_BYTES) throw new ProtocolException("A line of the server's answer was too long.");
            if (b != '\r') line.append((char) b);
        }
        return line.toString();
    }
}
