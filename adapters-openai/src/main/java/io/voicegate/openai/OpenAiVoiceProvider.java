package io.voicegate.openai;

import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ClientCredential;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.CredentialRequest;
import io.voicegate.core.provider.VoiceProvider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * OpenAI Realtime behind {@code POST /api/v1/sessions}. {@code relay} (the default) and {@code webrtc} hand out a
 * path on this server bound to the session ({@code /openai/v1/realtime?model=…&session_id=…}, or the calls endpoint);
 * the HTTP surface makes it absolute from {@code PUBLIC_URL} or the request, and the client connects there with its
 * own Voicegate token, so the path alone grants nothing. {@code websocket} mints an ephemeral key with the enforced
 * policy ({@code POST /realtime/client_secrets}) for clients that must reach OpenAI directly. Thread-safe.
 */
public final class OpenAiVoiceProvider implements VoiceProvider {

    /** The voices of GA realtime sessions, offered when no voice is locked. */
    public static final List<String> VOICES = List.of("marin", "cedar", "alloy", "ash", "ballad", "coral", "echo",
            "sage", "shimmer", "verse");
    /** How long a relay or call path may wait for its client before the session expires. */
    public static final Duration CONNECT_WINDOW = Duration.ofMinutes(2);
    static final String RELAY_PATH = "/openai/v1/realtime";
    static final String CALLS_PATH = "/openai/v1/realtime/calls";

    private final OpenAiRest rest;
    private final OpenAiSettings settings;
    private final OpenAiRealtimePolicy policy;
    private final List<String> models;
    private final Duration clientSecretTtl;
    private final Clock clock;

    /** @param models the allow-list in the operator's order, the first being the default */
    public OpenAiVoiceProvider(OpenAiRest rest, OpenAiSettings settings, OpenAiRealtimePolicy policy, List<String> models,
                               Duration clientSecretTtl, Clock clock) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.models = List.copyOf(models);
        this.clientSecretTtl = Objects.requireNonNull(clientSecretTtl, "clientSecretTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.models.isEmpty()) throw new IllegalArgumentException("at least one model");
    }

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false);
    }

    @Override
    public List<ConnectionMode> modes() {
        return List.of(ConnectionMode.RELAY, ConnectionMode.WEBRTC, ConnectionMode.WEBSOCKET);
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public List<String> voices() {
        return policy.voice().isEmpty() ? VOICES : List.of(policy.voice());
    }

    @Override
    public ClientCredential mint(CredentialRequest request) {
        var model = request.model().orElse(models.get(0));
        var session = request.session().toString();
        var window = clock.instant().plus(CONNECT_WINDOW);
        if (request.mode() == ConnectionMode.RELAY) {
            return new ClientCredential("relay", Optional.of(RELAY_PATH + "?model=" + encode(model) + "&session_id=" + session),
                    Optional.empty(), window, Map.of("model", model));
        }
        if (request.mode() == ConnectionMode.WEBRTC) {
            return new ClientCredential("webrtc", Optional.of(CALLS_PATH + "?session_id=" + session), Optional.empty(),
                    window, Map.of("model", model));
        }
        var body = new OpenAiSessionPolicy(policy, model).clientSecretRequest(clientSecretTtl, request.voice().orElse(""));
        var secret = rest.createClientSecret(body);
        var expires = secret.expiresAt().getEpochSecond() > 0 ? secret.expiresAt() : clock.instant().plus(clientSecretTtl);
        return new ClientCredential("client_secret", Optional.of(settings.realtime("model", model).toString()),
                Optional.of(secret.value()), expires, Map.of("model", model));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
