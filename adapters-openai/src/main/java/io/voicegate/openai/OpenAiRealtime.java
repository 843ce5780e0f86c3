package io.voicegate.openai;

import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.core.realtime.RealtimeUpstream;
import io.voicegate.core.realtime.UpstreamLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

/**
 * Opens OpenAI realtime WebSockets for relays: {@code /realtime?model=} for a new session, {@code ?call_id=} for the
 * sideband of a WebRTC call. Authenticates with the server's key only; nothing of the client's handshake (its token,
 * an {@code OpenAI-Beta} header, its subprotocols) is forwarded. Thread-safe.
 */
public final class OpenAiRealtime {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRealtime.class);

    private final HttpClient http;
    private final OpenAiSettings settings;

    public OpenAiRealtime(HttpClient http, OpenAiSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** Opens a new realtime session with this model. */
    public RealtimeUpstream session(String model) {
        return events -> open("model", model, events);
    }

    /** Attaches to a WebRTC call's session as its sideband. */
    public RealtimeUpstream sideband(String callId) {
        return events -> open("call_id", callId, events);
    }

    private java.util.concurrent.CompletionStage<UpstreamLink> open(String parameter, String value,
                                                                      io.voicegate.core.realtime.LinkEvents events) {
        var upstream = new JdkWebSocketUpstream(events);
        long started = System.nanoTime();
        var uri = settings.realtime(parameter, value);
        return http.newWebSocketBuilder()
                .connectTimeout(settings.connectTimeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .buildAsync(uri, upstream)
                .handle((socket, failure) -> {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    if (failure == null) {
                        LOG.info("OpenAI realtime connected ({}) in {} ms", parameter, millis);
                        return (UpstreamLink) upstream;
                    }
                    throw new CompletionException(refusal(failure, millis));
                });
    }

    private static RuntimeException refusal(Throwable failure, long millis) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof WebSocketHandshakeException handshake) {
            var response = handshake.getResponse();
            LOG.warn("OpenAI realtime refused the connection: status {} after {} ms", response.statusCode(), millis);
            var body = response.body() instanceof String text ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0];
            return OpenAiErrors.of(response.statusCode(), response.headers(), body);
        }
        LOG.warn("OpenAI realtime unreachable after {} ms: {}", millis, cause.getClass().getSimpleName());
        return new ProviderUnavailable("The voice provider could not be reached.", cause);
    }
}
