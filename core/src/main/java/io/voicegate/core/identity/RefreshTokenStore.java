package io.voicegate.core.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens, by hash. Thread-safe; {@link #markUsed} is atomic so that two racing refreshes cannot both win. */
public interface RefreshTokenStore {

    void add(RefreshToken token);

    Optional<RefreshToken> find(String hash);

    /** Marks an unused token used; false when it was used already (or is unknown). */
    boolean markUsed(String hash, Instant at);

    /** Revokes every token of the family; returns how many were still unrevoked. */
    int revokeFamily(UUID family);

    /** Deletes tokens that expired before the instant; returns how many. */
    int deleteExpired(Instant before);
}
