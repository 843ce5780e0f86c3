package io.voicegate.http;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the HTTP surface needs to know that is not a use case: limits and the public base URL.
 *
 * @param maxBodyBytes       largest request body accepted on ordinary routes (413 above it)
 * @param publicUrl          the externally visible base URL, e.g. {@code https://voice.example.com}; empty when unknown
 * @param bodyLimitsByPrefix larger (or smaller) limits for routes under a path prefix, e.g. webhooks carrying whole
 *                           transcripts; the longest matching prefix wins. Such routes read their body with
 *                           {@link RequestBodies#raw}.
 * @param virtualThreads     run request and WebSocket handlers on virtual threads where the JDK has them (21+);
 *                           ignored on older JDKs
 */
public record HttpSettings(long maxBodyBytes, String publicUrl, Map<String, Long> bodyLimitsByPrefix, boolean virtualThreads) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public HttpSettings {
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive");
        Objects.requireNonNull(publicUrl, "publicUrl");
        var limits = new TreeMap<String, Long>();
        bodyLimitsByPrefix.forEach((prefix, limit) -> {
            if (!prefix.startsWith("/")) throw new IllegalArgumentException("a path prefix starts with /: " + prefix);
            if (limit < 1) throw new IllegalArgumentException("body limit for " + prefix + " must be positive");
            limits.put(prefix, limit);
        });
        bodyLimitsByPrefix = java.util.Collections.unmodifiableMap(limits);
    }

    public HttpSettings(long maxBodyBytes, String publicUrl) {
        this(maxBodyBytes, publicUrl, Map.of(), false);
    }

    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_BODY_BYTES, "");
    }

    /** The same settings with a body limit for every route under {@code pathPrefix}. */
    public HttpSettings withBodyLimit(String pathPrefix, long maxBytes) {
        var limits = new TreeMap<>(bodyLimitsByPrefix);
        limits.put(pathPrefix, maxBytes);
        return new HttpSettings(maxBodyBytes, publicUrl, limits, virtualThreads);
    }

    /** The same settings with handlers on virtual threads (where the JDK has them) or not. */
    public HttpSettings withVirtualThreads(boolean on) {
        return new HttpSettings(maxBodyBytes, publicUrl, bodyLimitsByPrefix, on);
    }

    /** The body limit of the route at {@code path}: the longest matching prefix's, else {@link #maxBodyBytes()}. */
    public long maxBodyBytesFor(String path) {
        String best = null;
        for (var prefix : bodyLimitsByPrefix.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) best = prefix;
        }
        return best == null ? maxBodyBytes : bodyLimitsByPrefix.get(best);
    }

    public boolean publicUrlIsHttps() {
        return publicUrl.startsWith("https://");
    }
}
