package io.voicegate.http;

import io.voicegate.core.realtime.WebSocketConnector;
import io.voicegate.testkit.WebSocketConnectorContract;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

class SocketWebSocketConnectorIT extends WebSocketConnectorContract {

    private final SocketWebSocketConnector connector = SocketWebSocketConnector.start(Duration.ofSeconds(10));

    @Override
    protected WebSocketConnector connector() {
        return connector;
    }

    @AfterEach
    void stop() {
        connector.close();
    }
}
