package io.voicegate.elevenlabs;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach ElevenLabs: the REST base URL ({@code ELEVENLABS_BASE_URL}, {@code https://api.elevenlabs.io} by
 * default), the API key ({@code ELEVENLABS_API_KEY}; never shown by {@link #toString()}) and the time allowed per call.
 */
public record ElevenLabsSettings(URI baseUrl, String apiKey, Duration timeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.elevenlabs.io");

    public ElevenLabsSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the ElevenLabs base URL must be http or https");
        }
        if (apiKey.isBlank()) throw new IllegalArgumentException("the ElevenLabs API key must not be blank");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }

    @Override
    public String toString() {
        return "ElevenLabsSettings[baseUrl=" + baseUrl + ", apiKey=***, timeout=" + timeout + "]";
    }
}
