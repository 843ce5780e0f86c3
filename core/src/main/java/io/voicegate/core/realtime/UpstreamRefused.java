package io.voicegate.core.realtime;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The provider answered a WebSocket handshake with an HTTP status instead of switching protocols. Carries what the
 * provider adapter needs to explain the refusal (status, headers, body); its message holds only the status, since a
 * provider's body may quote the credential it refused.
 */
public final class UpstreamRefused extends RuntimeException {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    public UpstreamRefused(int status, Map<String, List<String>> headers, byte[] body) {
        super("The upstream refused the WebSocket handshake with status " + status + ".", null, false, false);
        this.status = status;
        var lower = new TreeMap<String, List<String>>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        this.headers = Map.copyOf(lower);
        this.body = body.clone();
    }

    public int status() {
        return status;
    }

    /** Header names in lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        var values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public byte[] body() {
        return body.clone();
    }
}
