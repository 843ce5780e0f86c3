package io.voicegate.http;

import java.util.Objects;

/**
 * What the HTTP surface needs to know that is not a use case: limits and the public base URL.
 *
 * @param maxBodyBytes largest request body accepted on ordinary routes (413 above it)
 * @param publicUrl    the externally visible base URL, e.g. {@code https://voice.example.com}; empty when unknown
 */
public record HttpSettings(long maxBodyBytes, String publicUrl) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public HttpSettings {
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive");
        Objects.requireNonNull(publicUrl, "publicUrl");
    }

    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_MAX_BODY_BYTES, "");
    }

    public boolean publicUrlIsHttps() {
        return publicUrl.startsWith("https://");
    }
}
