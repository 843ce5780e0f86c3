package io.voicegate.core.usage;

import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Token usage one provider reported for one API call a user made outside any voice session (a chat completion), as
 * the provider counted it: the tokens of the prompt and of the completion. Personal data: it says who used which
 * model when.
 */
public record ApiUsageRecord(UUID id, UserId user, String provider, ApiEndpoint endpoint, String model, Instant at,
                             long promptTokens, long completionTokens) {

    public ApiUsageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        if (promptTokens < 0 || completionTokens < 0) throw new IllegalArgumentException("token counts must be non-negative");
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
