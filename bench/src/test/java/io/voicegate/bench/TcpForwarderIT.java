package io.voicegate.bench;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's floor passes realtime sessions through untouched: handshake, every frame, once, in order. */
class TcpForwarderIT {

    @Test
    void passes_sessions_through_byte_for_byte() throws Exception {
        try (var fake = RelayBench.startFake();
             var forwarder = TcpForwarder.start(new InetSocketAddress("127.0.0.1", fake.port()))) {
            var target = new LoadGenerator.Target("gateway",
                    URI.create("ws://127.0.0.1:" + forwarder.port() + "/v1/realtime?model=" + RelayGatewayFixture.MODEL),
                    Map.of("Authorization", "Bearer " + fake.apiKey()));
            var result = new LoadGenerator().run(target, new LoadGenerator.Plan(4, Duration.ofSeconds(1), Duration.ofSeconds(2)),
                    new LoadGenerator.Hooks() { });

            assertThat(result.failedSessions()).isZero();
            assertThat(result.framesDown()).isPositive();
            assertThat(result.lost()).isZero();
            assertThat(result.duplicated()).isZero();
            assertThat(result.reordered()).isZero();
            assertThat(fake.requestsTo("/v1/realtime")).hasSize(4);
        }
    }
}
