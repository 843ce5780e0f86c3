package io.voicegate.launcher;

import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.Relays;
import io.voicegate.core.realtime.WebSocketConnector;
import io.voicegate.core.session.SessionPolicy;
import io.voicegate.http.SocketWebSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live relays of this process, of every provider, and the one WebSocket client their upstreams share: a one-second tick ends those past their maximum duration,
 * idle timeout or stall limit; at shutdown they end with {@code server_shutdown} (1001) before HTTP stops, so each
 * session records why it ended and each client hears it.
 */
final class RelayWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayWiring.class);
    /** Frames in flight towards one side before the other is paused, and how long a side may stay that full. */
    private static final int WINDOW = 64;
    private static final Duration STALL = Duration.ofSeconds(10);

    private final Relays relays = new Relays();
    private final SocketWebSocketConnector connector = SocketWebSocketConnector.start(STALL);
    private ScheduledExecutorService ticker;

    /** The bounds of every relay under the operator's session policy (maximum duration, idle timeout). */
    static RelayLimits limits(SessionPolicy sessions) {
        return new RelayLimits(sessions.maxDuration(), sessions.idleTimeout(), WINDOW, STALL);
    }

    Relays relays() {
        return relays;
    }

    /** Opens every provider's upstream WebSockets. */
    WebSocketConnector connector() {
        return connector;
    }

    synchronized void start() {
        if (ticker != null) return;
        ticker = Executors.newSingleThreadScheduledExecutor(OpenAiWiring.daemon("voicegate-relay-tick-"));
        ticker.scheduleAtFixedRate(() -> {
            try {
                relays.checkTimeouts();
            } catch (RuntimeException e) {
                LOG.warn("Relay timeout check failed; next in 1 s", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Ends every live relay for the shutdown. */
    void endAll() {
        int live = relays.count();
        relays.endAll(RelayEnd.Reason.SERVER_SHUTDOWN, 1001, "The server is shutting down.");
        if (live > 0) LOG.info("Ended {} live relay(s) for the shutdown", live);
    }

    /** Stops the tick and the upstream client; call after {@link #endAll()}. */
    @Override
    public synchronized void close() {
        if (ticker != null) ticker.shutdownNow();
        ticker = null;
        connector.close();
    }
}
