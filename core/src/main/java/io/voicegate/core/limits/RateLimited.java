package io.voicegate.core.limits;

import io.voicegate.core.VoicegateException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Too many requests in the current window: 429 with {@code Retry-After}. */
public final class RateLimited extends VoicegateException {

    private final Duration retryAfter;

    public RateLimited(String clientSafeMessage, Duration retryAfter) {
        super(clientSafeMessage);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public String code() {
        return "rate_limited";
    }

    @Override
    public Kind kind() {
        return Kind.RATE_LIMITED;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
