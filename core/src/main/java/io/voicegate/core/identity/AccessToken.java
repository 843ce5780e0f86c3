package io.voicegate.core.identity;

import java.time.Instant;
import java.util.Objects;

/** A signed, short-lived access token and when it runs out; never printed. */
public record AccessToken(String value, Instant expiresAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "AccessToken[***, expiresAt=" + expiresAt + "]";
    }
}
