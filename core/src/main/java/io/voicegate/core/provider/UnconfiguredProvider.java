package io.voicegate.core.provider;

import java.util.List;
import java.util.Objects;

/**
 * A provider Voicegate knows but cannot use yet (no key, or its adapter is not wired): listed with
 * {@code configured: false}, and a session request for it answers 503 instead of "unknown provider".
 */
public final class UnconfiguredProvider implements VoiceProvider {

    private final String id;
    private final Capabilities capabilities;
    private final List<ConnectionMode> modes;

    public UnconfiguredProvider(String id, Capabilities capabilities, List<ConnectionMode> modes) {
        this.id = Objects.requireNonNull(id, "id");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.modes = List.copyOf(modes);
        if (this.modes.isEmpty()) throw new IllegalArgumentException("modes must not be empty");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<ConnectionMode> modes() {
        return modes;
    }

    @Override
    public List<String> models() {
        return List.of();
    }

    @Override
    public List<String> voices() {
        return List.of();
    }

    @Override
    public ClientCredential mint(CredentialRequest request) {
        throw new ProviderNotConfigured(id);
    }
}
