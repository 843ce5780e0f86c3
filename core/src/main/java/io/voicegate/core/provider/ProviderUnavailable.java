package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The voice provider could not serve the request: unreachable, failing (5xx), or refusing Voicegate's own
 * credentials. Not the client's fault; the message is client-safe and names no key. A passing failure (see
 * {@link #passing}) says how soon asking again may succeed; a refused key or a misconfiguration says nothing, since
 * retrying cannot help.
 */
public final class ProviderUnavailable extends VoicegateException {

    /** How long to wait before retrying a passing failure when the provider did not say. */
    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

    private final Duration retryAfter;

    public ProviderUnavailable(String clientSafeMessage) {
        this(clientSafeMessage, null, null);
    }

    public ProviderUnavailable(String clientSafeMessage, Throwable cause) {
        this(clientSafeMessage, cause, null);
    }

    private ProviderUnavailable(String clientSafeMessage, Throwable cause, Duration retryAfter) {
        super(clientSafeMessage, cause);
        this.retryAfter = retryAfter;
    }

    /** A failure that may pass (a 5xx, a timeout, a dropped connection): asking again after {@code retryAfter} may work. */
    public static ProviderUnavailable passing(String clientSafeMessage, Throwable cause, Duration retryAfter) {
        return new ProviderUnavailable(clientSafeMessage, cause, Objects.requireNonNull(retryAfter, "retryAfter"));
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
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
