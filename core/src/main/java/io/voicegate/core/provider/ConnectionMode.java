package io.voicegate.core.provider;

import java.util.Locale;
import java.util.Optional;

/**
 * How a client reaches the model: directly over WebRTC, directly over the provider's WebSocket, or through
 * Voicegate's relay (the client speaks the provider's protocol to Voicegate, which forwards it upstream).
 */
public enum ConnectionMode {
    WEBRTC, WEBSOCKET, RELAY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConnectionMode> parse(String text) {
        for (var mode : values()) {
            if (mode.wire().equals(text)) return Optional.of(mode);
        }
        return Optional.empty();
    }
}
