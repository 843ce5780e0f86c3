package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A voice provider could not do what was asked (unreachable, timed out, refused our key, answered nonsense). The
 * message names the provider and what failed, never a key, URL query or upstream body; the cause (kept for the
 * server log) carries the detail.
 */
public final class ProviderUnavailable extends VoicegateException {

    private final String provider;
    private final Optional<Duration> retryAfter;

    public ProviderUnavailable(String provider, String clientSafeMessage, Throwable cause) {
        this(provider, clientSafeMessage, Optional.empty(), cause);
    }

    public ProviderUnavailable(String provider, String clientSafeMessage, Optional<Duration> retryAfter,
                               Throwable cause) {
        super(clientSafeMessage, cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public String provider() {
        return provider;
    }

    @Override
    public String code() {
        return "provider_unavailable";
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("provider", provider);
    }

    @Override
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
