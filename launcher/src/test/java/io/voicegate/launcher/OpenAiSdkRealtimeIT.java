package io.voicegate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.helpers.RealtimeConnection;
import com.openai.helpers.RealtimeWebSocketOptions;
import com.openai.models.realtime.RealtimeClientEvent;
import com.openai.models.realtime.RealtimeServerEvent;
import com.openai.models.realtime.ResponseCreateEvent;
import io.voicegate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official OpenAI Java SDK's realtime helper ({@code com.openai.helpers.RealtimeConnection}) as a client of the
 * relay: given {@code https://HOST:TLS_PORT/openai/v1} as its base URL and a Voicegate token as its API key, it opens
 * {@code wss://HOST:TLS_PORT/openai/v1/realtime?model=} unchanged and talks GA realtime through Voicegate.
 */
class OpenAiSdkRealtimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOpenAi fake = FakeOpenAi.start();
    @TempDir
    Path dir;
    private Voicegate voicegate;

    @AfterEach
    void stop() {
        if (voicegate != null) voicegate.close();
        fake.close();
    }

    @Test
    void the_sdk_realtime_connection_talks_through_the_relay_over_wss() throws Exception {
        voicegate = Voicegate.start(LauncherIT.config(dir, Map.of("OPENAI_API_KEY", fake.apiKey(),
                "OPENAI_BASE_URL", fake.baseUrl(), "TLS_SELF_SIGNED", "true", "TLS_PORT", "0")));
        var token = consentingUser();
        var cert = dir.resolve("data/tls/cert.pem");
        var options = ClientOptions.builder()
                .httpClient(OkHttpClient.builder().sslSocketFactory(ssl(cert).getSocketFactory()).trustManager(trust(cert)).build())
                .baseUrl("https://127.0.0.1:" + voicegate.tlsPort().orElseThrow() + "/openai/v1")
                .apiKey(token)
                .build();

        try (var connection = RealtimeConnection.connect(options, RealtimeWebSocketOptions.builder().model("gpt-realtime").build())) {
            await(connection, RealtimeServerEvent::isSessionCreated);
            await(connection, RealtimeServerEvent::isSessionUpdated);
            connection.send(RealtimeClientEvent.ofResponseCreate(ResponseCreateEvent.builder().build()));
            var done = await(connection, RealtimeServerEvent::isResponseOutputAudioTranscriptDone);
            assertThat(done.asResponseOutputAudioTranscriptDone().transcript()).isNotBlank();
            await(connection, RealtimeServerEvent::isResponseDone);
        }
        var upgrade = fake.requestsTo("/v1/realtime").get(0);
        assertThat(upgrade.header("Authorization")).contains("Bearer " + fake.apiKey());
        assertThat(upgrade.headers().toString()).doesNotContain(token);
    }

    private static RealtimeServerEvent await(RealtimeConnection connection, Predicate<RealtimeServerEvent> wanted) {
        for (int i = 0; i < 200; i++) {
            var event = connection.receive();
            if (wanted.test(event)) return event;
            assertThat(event.isError()).as("an error event: " + event).isFalse();
        }
        throw new AssertionError("the event never came");
    }

    private String consentingUser() throws Exception {
        var http = HttpClient.newHttpClient();
        var base = "http://127.0.0.1:" + voicegate.port();
        var registered = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"sdk@example.com\",\"password\":\"a-long-password-42\",\"delivery\":\"body\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        var token = JSON.readTree(registered.body()).path("access_token").asText();
        var consent = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/consent"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"purpose\":\"voice_processing\",\"version\":1,\"granted\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(consent.statusCode()).isEqualTo(201);
        return token;
    }

    private static X509TrustManager trust(Path certificate) throws Exception {
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("voicegate", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static SSLContext ssl(Path certificate) throws Exception {
        var context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[]{trust(certificate)}, null);
        return context;
    }
}
