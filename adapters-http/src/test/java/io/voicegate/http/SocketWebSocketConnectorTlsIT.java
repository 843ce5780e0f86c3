package io.voicegate.http;

import io.voicegate.core.realtime.UpstreamAddress;
import io.voicegate.core.realtime.UpstreamRefused;
import io.voicegate.testkit.RecordingLinkEvents;
import io.voicegate.testkit.openai.FakeOpenAi;
import io.voicegate.testkit.openai.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relays' upstream over {@code wss:}, as to the real providers: the certificate is checked, and then it relays. */
class SocketWebSocketConnectorTlsIT {

    private final TestCertificates certificates = TestCertificates.generate();
    private final FakeOpenAi fake = FakeOpenAi.startTls(FakeOpenAi.DEFAULT_API_KEY, certificates.keyStore(), certificates.password());

    @AfterEach
    void stop() {
        fake.close();
    }

    private UpstreamAddress address() {
        return new UpstreamAddress(fake.realtimeUri("gpt-realtime"), Map.of("Authorization", "Bearer " + fake.apiKey()),
                Duration.ofSeconds(5));
    }

    @Test
    void relays_over_wss_to_a_server_whose_certificate_it_trusts() throws Exception {
        assertThat(fake.realtimeUri("gpt-realtime").getScheme()).isEqualTo("wss");
        var events = new RecordingLinkEvents();
        try (var connector = SocketWebSocketConnector.start(certificates.trustingContext(), Duration.ofSeconds(10), SocketWebSocketConnector.Readers.PLATFORM_THREADS)) {
            connector.connect(address(), events).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(events.next()).contains("\"type\":\"session.created\"");
        }
    }

    @Test
    void refuses_a_server_whose_certificate_the_jvm_does_not_trust() {
        try (var connector = SocketWebSocketConnector.start(Duration.ofSeconds(10))) {
            var opening = connector.connect(address(), new RecordingLinkEvents()).toCompletableFuture();
            assertThatThrownBy(() -> opening.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(e.getCause()).isNotInstanceOf(UpstreamRefused.class));
            assertThat(fake.openConnections()).isZero();
        }
    }
}
