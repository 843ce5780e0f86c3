package io.voicegate.core.privacy;

import io.voicegate.core.identity.UserId;

/**
 * A store's part of a person's data: every store that keeps rows about a user implements this, so export and
 * erasure are complete by construction (the server registers every such store; a schema test fails otherwise).
 * Implementations are thread-safe and throw on a storage failure.
 */
public interface PersonalData {

    /** The section's name in the export document, snake_case and unique, e.g. {@code consents}. */
    String section();

    /**
     * Everything this store holds about the user, as plain values a JSON writer understands: records, lists, maps,
     * strings, numbers, booleans, {@code Instant}s, {@code UUID}s and {@code Optional}s. Never null.
     */
    Object export(UserId user);

    /** Deletes every row this store holds about the user; returns how many. Erasing twice deletes nothing more. */
    int erase(UserId user);
}
