package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping lets in-flight requests finish and closes open WebSockets with 1001 and a reason. */
class GracefulStopIT {

    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private final CountDownLatch releaseRequest = new CountDownLatch(1);
    private final OpenSockets sockets = new OpenSockets();

    private final Endpoints routes = new Endpoints() {
        @Override
        public void addTo(RoutesConfig config) {
            config.get("/slow", ctx -> {
                requestArrived.countDown();
                releaseRequest.await(10, TimeUnit.SECONDS);
                ctx.result("finished");
            });
            config.ws("/echo", ws -> {
                ws.onConnect(sockets::opened);
                ws.onClose(sockets::closed);
                ws.onMessage(ctx -> ctx.send(ctx.message()));
            });
        }
    };

    @Test
    void in_flight_requests_finish_and_sockets_get_1001() throws Exception {
        var api = HttpApi.create(HttpSettings.defaults(), List.of(routes), sockets)
                .start(HttpListeners.loopback(), Duration.ofSeconds(5));
        var client = HttpClient.newHttpClient();
        var closed = new CompletableFuture<String>();
        var socket = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + api.port() + "/echo"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        var slow = client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(requestArrived.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sockets.count()).isEqualTo(1);

        var stopping = CompletableFuture.runAsync(() -> api.stop("server shutting down"));
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo("1001 server shutting down");
        releaseRequest.countDown();

        var response = slow.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
        stopping.get(10, TimeUnit.SECONDS);
        socket.abort();
    }
}
