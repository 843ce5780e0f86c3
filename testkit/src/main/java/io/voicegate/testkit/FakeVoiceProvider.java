package io.voicegate.testkit;

import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ClientCredential;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.CredentialRequest;
import io.voicegate.core.provider.ProviderNotConfigured;
import io.voicegate.core.provider.VoiceProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that mints predictable credentials without calling anyone: a token {@code fake_ek_N} valid for
 * {@code lifetime}, a relay URL for relay mode, and the request's variables as {@code dynamic_variables}. Records
 * every request. Thread-safe.
 */
public final class FakeVoiceProvider implements VoiceProvider {

    private final String id;
    private final boolean configured;
    private final List<ConnectionMode> modes;
    private final List<String> models;
    private final List<String> voices;
    private final Duration lifetime;
    private final Clock clock;
    private final AtomicInteger minted = new AtomicInteger();
    private final List<CredentialRequest> requests = new CopyOnWriteArrayList<>();

    public FakeVoiceProvider(String id, boolean configured, List<ConnectionMode> modes, List<String> models,
                             List<String> voices, Duration lifetime, Clock clock) {
        this.id = id;
        this.configured = configured;
        this.modes = List.copyOf(modes);
        this.models = List.copyOf(models);
        this.voices = List.copyOf(voices);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A configured provider {@code fake} with every mode, models {@code fake-voice-1, fake-voice-mini}, voices {@code alloy, verse}, 60 s credentials. */
    public static FakeVoiceProvider standard(Clock clock) {
        return new FakeVoiceProvider("fake", true, List.of(ConnectionMode.WEBRTC, ConnectionMode.WEBSOCKET, ConnectionMode.RELAY),
                List.of("fake-voice-1", "fake-voice-mini"), List.of("alloy", "verse"), Duration.ofSeconds(60), clock);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false);
    }

    @Override
    public List<ConnectionMode> modes() {
        return modes;
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public List<String> voices() {
        return voices;
    }

    @Override
    public ClientCredential mint(CredentialRequest request) {
        if (!configured) throw new ProviderNotConfigured(id);
        requests.add(request);
        int n = minted.incrementAndGet();
        var expires = clock.instant().plus(lifetime);
        var extra = Map.<String, Object>of("dynamic_variables", request.variables());
        return switch (request.mode()) {
            case RELAY -> new ClientCredential("relay", Optional.of("ws://127.0.0.1/fake/relay/" + request.session()),
                    Optional.of("fake_ek_" + n), expires, extra);
            case WEBSOCKET -> new ClientCredential("signed_url",
                    Optional.of("wss://fake.invalid/conversation?signature=fake_sig_" + n), Optional.empty(), expires, extra);
            case WEBRTC -> new ClientCredential("client_secret", Optional.of("https://fake.invalid/v1/realtime/calls"),
                    Optional.of("fake_ek_" + n), expires, extra);
        };
    }

    public List<CredentialRequest> requests() {
        return List.copyOf(requests);
    }
}
