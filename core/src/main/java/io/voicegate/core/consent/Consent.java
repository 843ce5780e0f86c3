package io.voicegate.core.consent;

import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One answer of a user for one purpose at one policy version: granted or withdrawn, when, and from where (as the
 * keyed hash of the client address, never the address itself).
 */
public record Consent(UUID id, UserId user, Purpose purpose, int version, boolean granted, Instant at,
                      Optional<String> ipHash) {

    public Consent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(ipHash, "ipHash");
        if (version < 1) throw new IllegalArgumentException("version must be >= 1, was " + version);
    }

    /** Whether this answer grants the purpose at (at least) the required version. */
    public boolean isCurrent(int requiredVersion) {
        return granted && version >= requiredVersion;
    }
}
