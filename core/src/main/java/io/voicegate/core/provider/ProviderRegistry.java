package io.voicegate.core.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The providers Voicegate knows, by id, in registration order. Immutable, thread-safe. */
public final class ProviderRegistry {

    private final Map<String, VoiceProvider> byId;

    public ProviderRegistry(List<? extends VoiceProvider> providers) {
        var map = new LinkedHashMap<String, VoiceProvider>();
        for (var provider : providers) {
            if (map.put(provider.id(), provider) != null) {
                throw new IllegalArgumentException("provider registered twice: " + provider.id());
            }
        }
        this.byId = map;
    }

    public List<VoiceProvider> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public Optional<VoiceProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The provider, ready to mint.
     *
     * @throws UnknownProvider       (400) listing the known ids when there is no such provider
     * @throws ProviderNotConfigured (503) when it is known but not configured
     */
    public VoiceProvider require(String id) {
        var provider = find(id).orElseThrow(() -> new UnknownProvider(id, new ArrayList<>(byId.keySet())));
        if (!provider.configured()) throw new ProviderNotConfigured(id);
        return provider;
    }
}
