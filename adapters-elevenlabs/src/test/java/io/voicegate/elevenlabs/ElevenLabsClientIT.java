package io.voicegate.elevenlabs;

import io.voicegate.core.provider.ProviderRateLimited;
import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.testkit.FakeElevenLabs;
import io.voicegate.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElevenLabsClientIT {

    private static final String KEY = "xi-secret-key-0123";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final FakeElevenLabs fake = FakeElevenLabs.start(KEY);
    private final MutableClock clock = MutableClock.at(NOW);

    @AfterEach
    void stop() {
        fake.close();
    }

    private ElevenLabsClient client(URI base, String key) {
        return new ElevenLabsClient(HttpClient.newHttpClient(), new ElevenLabsSettings(base, key, Duration.ofSeconds(5)), clock);
    }

    @Test
    void mints_a_signed_url_valid_for_fifteen_minutes() {
        var signed = client(fake.baseUrl(), KEY).signedUrl("agent_1");
        assertThat(signed.url().getScheme()).isEqualTo("ws");
        assertThat(signed.url().getPort()).isEqualTo(fake.baseUrl().getPort());
        assertThat(signed.url().getQuery()).contains("agent_id=agent_1").contains("conversation_signature=");
        assertThat(signed.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(signed.toString()).doesNotContain("conversation_signature");
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.authorised()).isTrue();
            assertThat(r.query()).containsEntry("agent_id", "agent_1");
        });
    }

    @Test
    void mints_a_conversation_token_valid_for_ten_minutes() {
        var token = client(fake.baseUrl(), KEY).conversationToken("agent 1&x=y");
        assertThat(token.token()).isNotBlank();
        assertThat(token.conversationId()).hasValueSatisfying(id -> assertThat(id).startsWith("conv_"));
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(token.toString()).doesNotContain(token.token());
        assertThat(fake.requests().get(0).query()).containsEntry("agent_id", "agent 1&x=y").doesNotContainKey("x");
    }

    @Test
    void a_refused_key_is_provider_unavailable_without_the_key() {
        assertThatThrownBy(() -> client(fake.baseUrl(), "xi-wrong-key-9876").signedUrl("agent_1"))
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.getMessage()).contains("ELEVENLABS_API_KEY").doesNotContain("xi-wrong-key-9876");
                });
    }

    @Test
    void upstream_errors_and_rate_limits_are_provider_unavailable() {
        fake.failRestCallsWith(500);
        assertThatThrownBy(() -> client(fake.baseUrl(), KEY).conversationToken("agent_1"))
                .isInstanceOf(ProviderUnavailable.class).hasMessageContaining("HTTP 500");
        fake.failRestCallsWith(429);
        assertThatThrownBy(() -> client(fake.baseUrl(), KEY).signedUrl("agent_1"))
                .isInstanceOf(ProviderRateLimited.class).hasMessageContaining("rate limiting");
    }

    @Test
    void an_unreachable_upstream_is_provider_unavailable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client(URI.create("http://127.0.0.1:" + closedPort), KEY).signedUrl("agent_1"))
                .isInstanceOfSatisfying(ProviderUnavailable.class,
                        e -> assertThat(e.getMessage()).contains("could not be reached").doesNotContain(KEY));
    }
}
