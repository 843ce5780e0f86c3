package io.voicegate.core.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One stored refresh token: only the hash of the opaque value is kept. Every rotation of one login shares a
 * {@code family}; presenting a token that was already used revokes the whole family (it was stolen or replayed).
 */
public record RefreshToken(String hash, UUID family, UserId user, Instant issuedAt, Instant expiresAt,
                           Optional<Instant> usedAt, boolean revoked) {

    public RefreshToken {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
