package io.voicegate.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every failure that core reports on purpose: a refusal a client can act on, never a bug.
 *
 * <p>The message is client-safe by contract: it never carries a secret, a stack trace, SQL or a class name.
 * Adapters map {@link #kind()} to their surface (HTTP status, close code) and {@link #code()} to a stable
 * machine-readable type.
 */
public abstract class VoicegateException extends RuntimeException {

    /** What sort of refusal this is; each surface maps it once. */
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, RATE_LIMITED, UNAVAILABLE }

    protected VoicegateException(String message) {
        super(message, null, false, false);
    }

    protected VoicegateException(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** Stable, client-safe, kebab or snake case, e.g. {@code consent_required}. */
    public abstract String code();

    public abstract Kind kind();

    /** Extra client-safe members for the error body (e.g. which quota, which purpose). */
    public Map<String, Object> details() {
        return Map.of();
    }

    /** When asking again could succeed, how long to wait first; empty when retrying cannot help or no wait is known. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * Whether asking again may succeed, so a client (or an SDK retrying on its own) should not be told the refusal is
     * final. By default: when a wait is known and at most a minute.
     */
    public boolean retryMayHelp() {
        return retryAfter().map(wait -> wait.toSeconds() <= 60).orElse(false);
    }
}
