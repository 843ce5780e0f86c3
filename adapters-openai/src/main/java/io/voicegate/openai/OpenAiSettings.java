package io.voicegate.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach OpenAI: the REST base URL ({@code OPENAI_BASE_URL}, e.g. {@code https://api.openai.com/v1}), the
 * server's key ({@code OPENAI_API_KEY}, never logged: {@link #toString()} redacts it) and the timeouts.
 */
public record OpenAiSettings(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        var scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) throw new IllegalArgumentException("baseUrl must be http or https");
        var text = baseUrl.toString();
        if (text.endsWith("/")) baseUrl = URI.create(text.substring(0, text.length() - 1));
    }

    public static OpenAiSettings of(URI baseUrl, String apiKey) {
        return new OpenAiSettings(baseUrl, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** A REST endpoint below the base URL, e.g. {@code /chat/completions}. */
    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    /** The realtime WebSocket URL with one query parameter ({@code model=} or {@code call_id=}). */
    URI realtime(String parameter, String value) {
        var ws = baseUrl.getScheme().equals("https") ? "wss" : "ws";
        var rest = baseUrl.toString().substring(baseUrl.getScheme().length());
        return URI.create(ws + rest + "/realtime?" + parameter + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", apiKey=***, connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
