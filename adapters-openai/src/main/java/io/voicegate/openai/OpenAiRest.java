package io.voicegate.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.provider.ProviderUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * OpenAI's REST endpoints a voice gateway forwards to, called with the server's key: realtime client secrets, WebRTC
 * calls and their hangup, chat completions (whole or streamed as it arrives) and speech (streamed). Bodies pass
 * through as JSON text; failures become core exceptions ({@link OpenAiErrors}). Thread-safe.
 */
public final class OpenAiRest {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRest.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpClient http;
    private final OpenAiSettings settings;

    public OpenAiRest(HttpClient http, OpenAiSettings settings) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** An ephemeral key: its value (redacted in toString), expiry, and OpenAI's whole answer as JSON text. */
    public record ClientSecret(String value, Instant expiresAt, String body) {
        @Override
        public String toString() {
            return "ClientSecret[value=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** OpenAI's SDP answer and the call id from its {@code Location} header. */
    public record CallAnswer(String callId, String sdp) {
    }

    /** A whole JSON answer, passed through. */
    public record JsonAnswer(String contentType, byte[] body) {
        public JsonAnswer {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** Streamed audio: its content type and the bytes as they arrive. The caller closes it. */
    public record SpeechAudio(String contentType, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** {@code POST /realtime/client_secrets} with this JSON body (the policy-enforced session). */
    public ClientSecret createClientSecret(String requestJson) {
        var response = send("client_secrets", post("/realtime/client_secrets", "application/json", "application/json",
                HttpRequest.BodyPublishers.ofString(requestJson)), HttpResponse.BodyHandlers.ofByteArray());
        try {
            var body = MAPPER.readTree(response.body());
            var value = body.path("value").asText("");
            if (value.isEmpty()) throw new ProviderUnavailable("The voice provider answered without a client secret.");
            return new ClientSecret(value, Instant.ofEpochSecond(body.path("expires_at").asLong(0)),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderUnavailable("The voice provider answered with something that is not JSON.", e);
        }
    }

    /**
     * {@code POST /realtime/calls}: the SDP offer with the session config as multipart (the server-side form), or
     * the bare offer as {@code application/sdp} when {@code sessionJson} is empty.
     */
    public CallAnswer createCall(String sdpOffer, String sessionJson) {
        HttpRequest request;
        if (sessionJson.isEmpty()) {
            request = post("/realtime/calls", "application/sdp", "application/sdp", HttpRequest.BodyPublishers.ofString(sdpOffer));
        } else {
            var boundary = "voicegate-" + UUID.randomUUID();
            var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sdp\"\r\nContent-Type: application/sdp\r\n\r\n"
                    + sdpOffer + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"session\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + sessionJson + "\r\n--" + boundary + "--\r\n";
            request = post("/realtime/calls", "multipart/form-data; boundary=" + boundary, "application/sdp",
                    HttpRequest.BodyPublishers.ofString(body));
        }
        var response = send("calls", request, HttpResponse.BodyHandlers.ofString());
        var location = response.headers().firstValue("location")
                .orElseThrow(() -> new ProviderUnavailable("The voice provider answered the call without a Location."));
        return new CallAnswer(location.substring(location.lastIndexOf('/') + 1), response.body());
    }

    /** {@code POST /realtime/calls/{id}/hangup}. */
    public void hangUp(String callId) {
        var path = "/realtime/calls/" + java.net.URLEncoder.encode(callId, StandardCharsets.UTF_8) + "/hangup";
        send("hangup", post(path, "application/json", "*/*", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
    }

    /** {@code POST /chat/completions} without streaming: OpenAI's JSON answer as it came. */
    public JsonAnswer chatCompletion(String requestJson) {
        var response = send("chat", post("/chat/completions", "application/json", "application/json",
                HttpRequest.BodyPublishers.ofString(requestJson)), HttpResponse.BodyHandlers.ofByteArray());
        return new JsonAnswer(response.headers().firstValue("content-type").orElse("application/json"), response.body());
    }

    /** {@code POST /chat/completions} with {@code "stream": true}: the SSE events, readable as they arrive. */
    public ChatCompletionStream streamChatCompletion(String requestJson) {
        var response = send("chat-stream", post("/chat/completions", "application/json", "text/event-stream",
                HttpRequest.BodyPublishers.ofString(requestJson)), HttpResponse.BodyHandlers.ofInputStream());
        return new ChatCompletionStream(response.body());
    }

    /** {@code POST /audio/speech}: the audio bytes, readable as they arrive. */
    public SpeechAudio speech(String requestJson) {
        var response = send("speech", post("/audio/speech", "application/json", "application/octet-stream",
                HttpRequest.BodyPublishers.ofString(requestJson)), HttpResponse.BodyHandlers.ofInputStream());
        return new SpeechAudio(response.headers().firstValue("content-type").orElse("application/octet-stream"), response.body());
    }

    private HttpRequest post(String path, String contentType, String accept, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(endpoint(path)).timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .POST(body).build();
    }

    private URI endpoint(String path) {
        return settings.endpoint(path);
    }

    private <T> HttpResponse<T> send(String what, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        long started = System.nanoTime();
        HttpResponse<T> response;
        try {
            response = http.send(request, info -> info.statusCode() / 100 == 2 ? handler.apply(info)
                    : mapped(HttpResponse.BodySubscribers.ofByteArray()));
        } catch (HttpTimeoutException e) {
            LOG.warn("OpenAI {} timed out after {} ms", what, millisSince(started));
            throw ProviderUnavailable.passing("The voice provider did not answer in time.", e, ProviderUnavailable.DEFAULT_RETRY);
        } catch (IOException e) {
            LOG.warn("OpenAI {} failed after {} ms: {}", what, millisSince(started), e.getClass().getSimpleName());
            throw ProviderUnavailable.passing("The voice provider could not be reached.", e, ProviderUnavailable.DEFAULT_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("Interrupted while calling the voice provider.", e);
        }
        LOG.info("OpenAI {} answered {} in {} ms", what, response.statusCode(), millisSince(started));
        if (response.statusCode() / 100 != 2) {
            var body = response.body() instanceof byte[] bytes ? bytes : new byte[0];
            throw OpenAiErrors.of(response.statusCode(), response.headers(),
                    body.length > MAX_ERROR_BODY ? java.util.Arrays.copyOf(body, MAX_ERROR_BODY) : body);
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static <T> HttpResponse.BodySubscriber<T> mapped(HttpResponse.BodySubscriber<byte[]> bytes) {
        return (HttpResponse.BodySubscriber<T>) (HttpResponse.BodySubscriber<?>) bytes;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
