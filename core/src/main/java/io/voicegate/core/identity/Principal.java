package io.voicegate.core.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * An authenticated caller: which user, how they proved it, and when the proof was issued (for re-authentication
 * rules such as "a token issued within the last 5 minutes").
 */
public record Principal(UserId user, AuthenticationMethod method, Instant issuedAt) {

    /** How the caller authenticated. */
    public enum AuthenticationMethod { VOICEGATE_TOKEN, EXTERNAL_TOKEN }

    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
