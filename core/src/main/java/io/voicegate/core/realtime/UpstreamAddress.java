package io.voicegate.core.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where a relay's upstream WebSocket connects: the URI, the handshake headers (credentials among them), and how long
 * the connection may take. {@link #toString()} never shows a header's value.
 */
public record UpstreamAddress(URI uri, Map<String, String> headers, Duration connectTimeout) {

    public UpstreamAddress {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    @Override
    public String toString() {
        return "UpstreamAddress[" + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + ", headers " + headers.keySet() + "]";
    }
}
