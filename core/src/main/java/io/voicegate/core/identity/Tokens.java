package io.voicegate.core.identity;

import java.time.Instant;
import java.util.Objects;

/** What a successful sign-in or refresh hands out: an access token and an opaque refresh token; never printed. */
public record Tokens(AccessToken access, String refreshToken, Instant refreshExpiresAt) {

    public Tokens {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
    }

    @Override
    public String toString() {
        return "Tokens[access=" + access + ", refreshToken=***, refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
