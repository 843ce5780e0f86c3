package io.voicegate.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.VoicegateException;
import io.voicegate.core.provider.ProviderRateLimited;
import io.voicegate.core.provider.ProviderUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Mints access to an ElevenLabs agent: a signed conversation WebSocket URL (valid 15 minutes to open) or a WebRTC
 * conversation token (valid 10 minutes), authenticated with {@code xi-api-key}. Every upstream failure becomes a
 * {@link ProviderUnavailable} (or {@link ProviderRateLimited} for a 429) that names what failed, never the key or the
 * upstream body. Thread-safe.
 */
public final class ElevenLabsClient {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenLabsClient.class);
    static final Duration SIGNED_URL_LIFETIME = Duration.ofMinutes(15);
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final HttpClient http;
    private final ElevenLabsSettings settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ElevenLabsClient(HttpClient http, ElevenLabsSettings settings, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws ProviderUnavailable when ElevenLabs cannot be reached or refuses; ProviderRateLimited on 429 */
    public SignedConversationUrl signedUrl(String agentId) {
        var issuedAt = clock.instant();
        var body = get("/v1/convai/conversation/get-signed-url", agentId, "signed URL");
        var url = text(body, "signed_url").flatMap(ElevenLabsClient::webSocketUri)
                .orElseThrow(() -> malformed("signed URL", "no usable signed_url"));
        return new SignedConversationUrl(url, issuedAt.plus(SIGNED_URL_LIFETIME));
    }

    /** @throws ProviderUnavailable when ElevenLabs cannot be reached or refuses; ProviderRateLimited on 429 */
    public ConversationToken conversationToken(String agentId) {
        var issuedAt = clock.instant();
        var body = get("/v1/convai/conversation/token", agentId, "conversation token");
        var token = text(body, "token").orElseThrow(() -> malformed("conversation token", "no token"));
        return new ConversationToken(token, text(body, "conversation_id"), issuedAt.plus(TOKEN_LIFETIME));
    }

    private JsonNode get(String path, String agentId, String what) {
        Objects.requireNonNull(agentId, "agentId");
        var uri = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + path + "?agent_id="
                + URLEncoder.encode(agentId, StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("xi-api-key", settings.apiKey()).header("Accept", "application/json").GET().build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            LOG.warn("ElevenLabs {} timed out after {} ms", what, elapsedMillis(started));
            throw new ProviderUnavailable("ElevenLabs did not answer in time for a " + what + ".", e);
        } catch (IOException e) {
            LOG.warn("ElevenLabs {} failed: {}", what, e.getClass().getSimpleName());
            throw new ProviderUnavailable("ElevenLabs could not be reached for a " + what + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("Asking ElevenLabs for a " + what + " was interrupted.", e);
        }
        int status = response.statusCode();
        LOG.info("ElevenLabs {} answered {} in {} ms", what, status, elapsedMillis(started));
        if (status == 200) {
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw malformed(what, "not JSON");
            }
        }
        throw refusal(status, what, response.headers().firstValue("Retry-After"));
    }

    private static VoicegateException refusal(int status, String what, Optional<String> retryAfter) {
        var cause = new IOException("ElevenLabs answered HTTP " + status);
        return switch (status) {
            case 401, 403 -> new ProviderUnavailable(
                    "ElevenLabs refused Voicegate's API key for a " + what + "; check ELEVENLABS_API_KEY.", cause);
            case 404, 422 -> new ProviderUnavailable(
                    "ElevenLabs rejected the request for a " + what + "; check the agent id.", cause);
            case 429 -> new ProviderRateLimited("ElevenLabs is rate limiting " + what + " requests.",
                    retryAfter.flatMap(ElevenLabsClient::seconds).orElse(null));
            default -> new ProviderUnavailable(
                    "ElevenLabs failed to issue a " + what + " (HTTP " + status + ").", cause);
        };
    }

    private static ProviderUnavailable malformed(String what, String problem) {
        return new ProviderUnavailable("ElevenLabs answered a " + what + " request with something "
                + "Voicegate cannot use.", new IOException(problem));
    }

    private static Optional<String> text(JsonNode body, String field) {
        var node = body == null ? null : body.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<URI> webSocketUri(String text) {
        try {
            var uri = URI.create(text);
            return "wss".equals(uri.getScheme()) || "ws".equals(uri.getScheme()) ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> seconds(String header) {
        return header.matches("[0-9]{1,6}") ? Optional.of(Duration.ofSeconds(Long.parseLong(header))) : Optional.empty();
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
