package io.voicegate.elevenlabs;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ClientCredential;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.CredentialRequest;
import io.voicegate.core.provider.ProviderOptionRefused;
import io.voicegate.core.session.SessionId;
import io.voicegate.testkit.FakeElevenLabs;
import io.voicegate.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElevenLabsVoiceProviderIT {

    private static final String KEY = "xi-secret-key-0123";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Map<String, String> VARIABLES = Map.of("voicegate_session_ref", "abcdefghijklmnopqrstuv",
            "user_pseudonym", "p-1", "user_name", "Ada");

    private final FakeElevenLabs fake = FakeElevenLabs.start(KEY);
    private final ElevenLabsVoiceProvider provider = new ElevenLabsVoiceProvider(
            new ElevenLabsClient(HttpClient.newHttpClient(),
                    new ElevenLabsSettings(fake.baseUrl(), KEY, Duration.ofSeconds(5)), MutableClock.at(NOW)),
            "agent_default", List.of("agent_other"),
            List.of(ConnectionMode.WEBSOCKET, ConnectionMode.WEBRTC, ConnectionMode.RELAY), MutableClock.at(NOW));

    @AfterEach
    void stop() {
        fake.close();
    }

    private static CredentialRequest request(ConnectionMode mode, Map<String, String> options) {
        return new CredentialRequest(new SessionId(UUID.randomUUID()), new UserId(UUID.randomUUID()), mode,
                Optional.empty(), Optional.empty(), Duration.ofMinutes(30), VARIABLES, options);
    }

    @Test
    void websocket_mode_mints_a_signed_url_for_the_default_agent_with_the_variables() {
        var credential = provider.mint(request(ConnectionMode.WEBSOCKET, Map.of()));
        assertThat(credential.type()).isEqualTo("signed_url");
        assertThat(credential.url()).hasValueSatisfying(url -> assertThat(url).contains("agent_id=agent_default"));
        assertThat(credential.token()).isEmpty();
        assertThat(credential.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(credential.extra()).containsEntry("dynamic_variables", VARIABLES);
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.authorised()).isTrue());
    }

    @Test
    void webrtc_mode_mints_a_conversation_token_with_its_conversation_id() {
        var credential = provider.mint(request(ConnectionMode.WEBRTC, Map.of("agent_id", "agent_other")));
        assertThat(credential.type()).isEqualTo("conversation_token");
        assertThat(credential.token()).isPresent();
        assertThat(credential.url()).isEmpty();
        assertThat(credential.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat((String) credential.extra().get(ClientCredential.CONVERSATION_ID)).startsWith("conv_");
        assertThat(fake.requests().get(0).query()).containsEntry("agent_id", "agent_other");
    }

    @Test
    void relay_mode_hands_out_the_relay_path_of_the_session_without_the_agent_or_the_variables() {
        var request = request(ConnectionMode.RELAY, Map.of());
        var credential = provider.mint(request);
        assertThat(credential.type()).isEqualTo("relay");
        assertThat(credential.url()).contains("/api/v1/elevenlabs/conversation?session_id=" + request.session());
        assertThat(credential.token()).isEmpty();
        assertThat(credential.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(credential.extra()).isEmpty();
        assertThat(fake.requests()).as("the signed URL is minted when the relay connects").isEmpty();

        var named = provider.mint(request(ConnectionMode.RELAY, Map.of("agent_id", "agent_other")));
        assertThat(named.url()).hasValueSatisfying(url -> assertThat(url).endsWith("&agent_id=agent_other"));
        assertThatThrownBy(() -> provider.mint(request(ConnectionMode.RELAY, Map.of("agent_id", "agent_evil"))))
                .isInstanceOf(ProviderOptionRefused.class);
    }

    @Test
    void an_agent_outside_the_allow_list_is_refused_before_elevenlabs_is_asked() {
        assertThatThrownBy(() -> provider.mint(request(ConnectionMode.WEBSOCKET, Map.of("agent_id", "agent_evil"))))
                .isInstanceOf(ProviderOptionRefused.class)
                .satisfies(e -> assertThat(((ProviderOptionRefused) e).details()).containsEntry("pointer", "/agent_id"));
        assertThat(fake.requests()).isEmpty();
    }
}
