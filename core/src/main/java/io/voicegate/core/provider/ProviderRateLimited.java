package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.time.Duration;
import java.util.Optional;

/** The voice provider asked Voicegate to slow down (HTTP 429), possibly saying when to try again. */
public final class ProviderRateLimited extends VoicegateException {

    private final Duration retryAfter;

    /** {@code retryAfter} may be null when the provider did not say. */
    public ProviderRateLimited(String clientSafeMessage, Duration retryAfter) {
        super(clientSafeMessage);
        this.retryAfter = retryAfter;
    }

    @Override
    public String code() {
        return "rate_limit_exceeded";
    }

    @Override
    public Kind kind() {
        return Kind.RATE_LIMITED;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
