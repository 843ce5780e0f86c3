package io.voicegate.elevenlabs;

import io.voicegate.core.provider.ProviderRateLimited;
import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.core.realtime.LinkEvents;
import io.voicegate.core.realtime.RealtimeUpstream;
import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamLink;
import io.voicegate.core.realtime.UpstreamRefused;
import io.voicegate.core.realtime.WebSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Opens ElevenLabs conversation WebSockets for relays. Each conversation gets a fresh signed URL for its agent, minted
 * before the client is accepted (so a refusal answers the client's upgrade), and is opened with that URL alone: the
 * API key never travels on the WebSocket, nothing of the client's handshake is forwarded, and neither the URL's
 * signature nor the agent id is logged. Thread-safe.
 */
public final class ElevenLabsRealtime {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenLabsRealtime.class);

    private final ElevenLabsClient client;
    private final WebSocketConnector connector;
    private final Duration connectTimeout;

    public ElevenLabsRealtime(ElevenLabsClient client, WebSocketConnector connector, Duration connectTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * Mints a signed URL for a conversation with this agent now and returns what opens it.
     *
     * @throws ProviderUnavailable when ElevenLabs cannot be reached or refuses; ProviderRateLimited on 429
     */
    public RealtimeUpstream conversation(String agentId) {
        var signed = client.signedUrl(agentId);
        return events -> open(signed, events);
    }

    private CompletionStage<UpstreamLink> open(SignedConversationUrl signed, LinkEvents events) {
        long started = System.nanoTime();
        var address = new UpstreamAddress(signed.url(), Map.of(), connectTimeout);
        return connector.connect(address, events).handle((link, failure) -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (failure == null) {
                LOG.info("ElevenLabs conversation connected in {} ms", millis);
                return link;
            }
            throw new CompletionException(refusal(failure, millis));
        });
    }

    private static RuntimeException refusal(Throwable failure, long millis) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UpstreamRefused refused) {
            int status = refused.status();
            LOG.warn("ElevenLabs refused the conversation WebSocket: status {} after {} ms", status, millis);
            if (status == 429) return new ProviderRateLimited("ElevenLabs is rate limiting conversations; try again later.", null);
            return new ProviderUnavailable("ElevenLabs refused the conversation (HTTP " + status + ").",
                    new IOException("ElevenLabs answered the WebSocket handshake with HTTP " + status));
        }
        LOG.warn("ElevenLabs conversation unreachable after {} ms: {}", millis, cause.getClass().getSimpleName());
        return new ProviderUnavailable("ElevenLabs could not be reached for the conversation.", withoutMessage(cause));
    }

    /** The failure's kind and stack only: a transport's message may quote the signed URL. */
    private static IOException withoutMessage(Throwable cause) {
        var safe = new IOException(cause.getClass().getName());
        safe.setStackTrace(cause.getStackTrace());
        return safe;
    }
}
