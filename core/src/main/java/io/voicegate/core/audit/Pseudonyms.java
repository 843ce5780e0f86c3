package io.voicegate.core.audit;

import io.voicegate.core.identity.UserId;

/**
 * Stable per-user pseudonyms for the audit trail. Forgetting a user's pseudonym (on erasure) makes the events that
 * stay impossible to tie back to the person. Thread-safe.
 */
public interface Pseudonyms {

    /** The user's pseudonym, created on first use. */
    String of(UserId user);

    /** Deletes the user's pseudonym mapping; later calls to {@link #of} create a new, unrelated one. */
    void forget(UserId user);
}
