package io.voicegate.core.realtime;

import java.util.concurrent.CompletionStage;

/**
 * Opens a provider's realtime WebSocket for a relay. Provider adapters say where to connect and how to authenticate
 * ({@link UpstreamAddress}); a transport adapter implements the connection, so every provider shares one client and
 * its threads. Thread-safe.
 *
 * <p>The stage completes with the open link once the handshake succeeded; from then on each whole text frame that
 * arrives goes to {@code events}, one at a time, and the next is read only when the stage {@link LinkEvents#onFrame}
 * returned has completed (backpressure). The stage fails with {@link UpstreamRefused} when the server answered the
 * handshake with an HTTP status other than 101, and with another exception when it could not be reached; a link that
 * never opened reports nothing to {@code events}.
 */
@FunctionalInterface
public interface WebSocketConnector {

    CompletionStage<UpstreamLink> connect(UpstreamAddress address, LinkEvents events);
}
