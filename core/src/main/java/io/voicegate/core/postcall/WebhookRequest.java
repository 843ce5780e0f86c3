package io.voicegate.core.postcall;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A provider's webhook request as it arrived: its headers (looked up case-insensitively) and the raw body bytes,
 * which a signature covers and which must therefore never be re-serialised before verification.
 */
public final class WebhookRequest {

    private final Map<String, String> headers;
    private final byte[] body;

    private WebhookRequest(Map<String, String> headers, byte[] body) {
        this.headers = headers;
        this.body = body;
    }

    /** Copies the headers (first value per name) and the body. */
    public static WebhookRequest of(Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        var copy = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) copy.putIfAbsent(name, value);
        });
        return new WebhookRequest(copy, body.clone());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The raw body; a copy, so no verifier or parser can change what the next one sees. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + headers.size() + " headers, " + body.length + " bytes]";
    }
}
