package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.time.Duration;
import java.util.Optional;

/**
 * The voice provider refused with HTTP 429: either it asks Voicegate to slow down, possibly saying when to try again
 * (a retry may help), or the server's account has used up its quota (a retry cannot help until the operator acts).
 */
public final class ProviderRateLimited extends VoicegateException {

    private final Duration retryAfter;
    private final boolean quotaExhausted;

    /** Slow down; {@code retryAfter} may be null when the provider did not say. */
    public ProviderRateLimited(String clientSafeMessage, Duration retryAfter) {
        this(clientSafeMessage, retryAfter, false);
    }

    private ProviderRateLimited(String clientSafeMessage, Duration retryAfter, boolean quotaExhausted) {
        super(clientSafeMessage);
        this.retryAfter = retryAfter;
        this.quotaExhausted = quotaExhausted;
    }

    /** The server's account at the provider has no quota left. */
    public static ProviderRateLimited quotaExhausted(String clientSafeMessage) {
        return new ProviderRateLimited(clientSafeMessage, null, true);
    }

    @Override
    public String code() {
        return quotaExhausted ? "insufficient_quota" : "rate_limit_exceeded";
    }

    /** A slow-down may be retried (after the provider's wait, when it named one of at most a minute). */
    @Override
    public boolean retryMayHelp() {
        return !quotaExhausted && (retryAfter().isEmpty() || super.retryMayHelp());
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
