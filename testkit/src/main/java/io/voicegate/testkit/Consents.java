package io.voicegate.testkit;

import io.voicegate.core.consent.Consent;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.ConsentStore;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Consent answers for tests, appended straight to a store: a user who may start sessions, with or without
 * transcript storage, at the versions the policy requires.
 */
public final class Consents {

    private Consents() {
    }

    /** Grants each purpose at the policy's current version, answered at {@code at}. */
    public static void grant(ConsentStore store, ConsentPolicy policy, UserId user, Instant at, Purpose... purposes) {
        for (var purpose : purposes) {
            store.append(new Consent(UUID.randomUUID(), user, purpose, policy.requiredVersion(purpose), true, at,
                    Optional.empty()));
        }
    }

    /** Voice processing and transcript storage, both at version 1 ({@link ConsentPolicy#defaults()}). */
    public static void grantAll(ConsentStore store, UserId user, Instant at) {
        grant(store, ConsentPolicy.defaults(), user, at, Purpose.values());
    }

    /** Withdraws the purpose at the policy's current version, answered at {@code at}. */
    public static void withdraw(ConsentStore store, ConsentPolicy policy, UserId user, Instant at, Purpose purpose) {
        store.append(new Consent(UUID.randomUUID(), user, purpose, policy.requiredVersion(purpose), false, at,
                Optional.empty()));
    }
}
