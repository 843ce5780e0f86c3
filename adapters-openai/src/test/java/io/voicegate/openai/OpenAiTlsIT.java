package io.voicegate.openai;

import io.voicegate.testkit.RecordingRelayClient;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.realtime.Relays;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.testkit.JdkWebSocketConnector;
import io.voicegate.testkit.openai.FakeOpenAi;
import io.voicegate.testkit.openai.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@code https://} base URL: REST over HTTPS and the realtime socket over WSS, against the fake with TLS. */
class OpenAiTlsIT {

    private final TestCertificates certificates = TestCertificates.generate();
    private final FakeOpenAi fake = FakeOpenAi.startTls(FakeOpenAi.DEFAULT_API_KEY, certificates.keyStore(), certificates.password());
    private final HttpClient http = HttpClient.newBuilder().sslContext(certificates.trustingContext()).build();
    private final OpenAiSettings settings = OpenAiSettings.of(URI.create(fake.baseUrl()), fake.apiKey());
    private final Relays relays = new Relays();

    @AfterEach
    void stop() {
        relays.endAll(RelayEnd.Reason.SERVER_SHUTDOWN, 1001, "test over");
        fake.close();
    }

    @Test
    void speaks_https_and_wss() {
        assertThat(fake.baseUrl()).startsWith("https://");
        var rest = new OpenAiRest(http, settings);
        assertThat(rest.createClientSecret("{\"session\":{\"type\":\"realtime\"}}").value()).startsWith("ek_");

        var client = new RecordingRelayClient();
        new OpenRelay(new RunTool(ToolRegistry.empty()), relays, Clock.systemUTC(), Runnable::run)
                .handle(new OpenRelay.Command("ref", client, new OpenAiRealtime(new JdkWebSocketConnector(http), settings).session("gpt-realtime"),
                        OpenAiRelayProtocol.of(OpenAiRealtimePolicy.allowing("gpt-realtime"), "gpt-realtime"), client, RelayLimits.defaults()));
        assertThat(client.await("session.created").path("session").path("model").asText()).isEqualTo("gpt-realtime");
    }
}
