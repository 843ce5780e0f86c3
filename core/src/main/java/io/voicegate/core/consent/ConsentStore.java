package io.voicegate.core.consent;

import io.voicegate.core.identity.UserId;

import java.util.List;
import java.util.Optional;

/**
 * The append-only history of consent answers. Nothing is ever updated; the latest answer per purpose wins.
 * Implementations are thread-safe, never return null, and throw on a storage failure (an answer that cannot be
 * recorded must not look recorded). Erasure of a user's history goes through the store's personal-data section.
 */
public interface ConsentStore {

    void append(Consent consent);

    /** Every answer of the user, oldest first (ties broken by id). */
    List<Consent> history(UserId user);

    /** The user's latest answer for the purpose. */
    Optional<Consent> latest(UserId user, Purpose purpose);
}
