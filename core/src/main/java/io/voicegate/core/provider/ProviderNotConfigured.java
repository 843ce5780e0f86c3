package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.util.Map;

/** The provider is known but has no key or settings on this server: 503 until an operator configures it. */
public final class ProviderNotConfigured extends VoicegateException {

    private final String provider;

    public ProviderNotConfigured(String provider) {
        super("Provider '" + provider + "' is not configured on this server; an operator must set its key first.");
        this.provider = provider;
    }

    @Override
    public String code() {
        return "provider_not_configured";
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("provider", provider);
    }
}
