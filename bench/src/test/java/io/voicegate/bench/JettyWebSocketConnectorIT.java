package io.voicegate.bench;

import io.voicegate.core.realtime.WebSocketConnector;
import io.voicegate.testkit.WebSocketConnectorContract;
import org.junit.jupiter.api.AfterEach;

class JettyWebSocketConnectorIT extends WebSocketConnectorContract {

    private final JettyWebSocketConnector connector = JettyWebSocketConnector.start();

    @Override
    protected WebSocketConnector connector() {
        return connector;
    }

    @AfterEach
    void stop() {
        connector.close();
    }
}
