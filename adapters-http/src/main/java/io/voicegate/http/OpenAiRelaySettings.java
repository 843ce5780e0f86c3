package io.voicegate.http;

import io.voicegate.core.realtime.RelayLimits;

import java.util.Objects;
import java.util.Set;

/**
 * The rules of the OpenAI-compatible realtime relay: the models a client may ask for ({@code OPENAI_REALTIME_MODELS})
 * and the limits of each relay. Browser origins are checked by the shared {@link OriginPolicy}.
 */
public record OpenAiRelaySettings(Set<String> models, RelayLimits limits) {

    public OpenAiRelaySettings {
        models = Set.copyOf(Objects.requireNonNull(models, "models"));
        Objects.requireNonNull(limits, "limits");
    }
}
