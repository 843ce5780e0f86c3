package io.voicegate.openai;

import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.RealtimeUpstream;
import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.UpstreamRefused;
import io.voicegate.core.realtime.WebSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Opens OpenAI realtime WebSockets for relays: {@code /realtime?model=} for a new session, {@code ?call_id=} for the
 * sideband of a WebRTC call. Authenticates with the server's key only; nothing of the client's handshake (its token,
 * an {@code OpenAI-Beta} header, its subprotocols) is forwarded. Thread-safe.
 */
public final class OpenAiRealtime {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRealtime.class);

    private final WebSocketConnector connector;
    private final OpenAiSettings settings;

    public OpenAiRealtime(WebSocketConnector connector, OpenAiSettings settings) {
        this.connector = connector;
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

    private CompletionStage<UpstreamLink> open(String parameter, String value, LinkEvents events) {
        long started = System.nanoTime();
        var address = new UpstreamAddress(settings.realtime(parameter, value),
                Map.of("Authorization", "Bearer " + settings.apiKey()), settings.connectTimeout());
        return connector.connect(address, events).handle((link, failure) -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (failure == null) {
                LOG.info("OpenAI realtime connected ({}) in {} ms", parameter, millis);
                return link;
            }
            throw new CompletionException(refusal(failure, millis));
        });
    }

    private static RuntimeException refusal(Throwable failure, long millis) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UpstreamRefused refused) {
            LOG.warn("OpenAI realtime refused the connection: status {} after {} ms", refused.status(), millis);
            return OpenAiErrors.of(refused.status(), HttpHeaders.of(refused.headers(), (name, value) -> true), refused.body());
        }
        LOG.warn("OpenAI realtime unreachable after {} ms: {}", millis, cause.getClass().getSimpleName());
        return new ProviderUnavailable("The voice provider could not be reached.", cause);
    }
}
