package io.voicegate.testkit;

import io.voicegate.core.realtime.WebSocketConnector;

import java.net.http.HttpClient;

class JdkWebSocketConnectorIT extends WebSocketConnectorContract {

    private final JdkWebSocketConnector connector = new JdkWebSocketConnector(HttpClient.newHttpClient());

    @Override
    protected WebSocketConnector connector() {
        return connector;
    }
}
