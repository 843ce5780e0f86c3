package io.voicegate.core.consent;

import io.voicegate.core.identity.UserId;

/**
 * Told when a user withdraws consent, after the withdrawal is recorded. The server wires this to "end the user's
 * active sessions" for {@link Purpose#VOICE_PROCESSING}. Implementations are thread-safe and return quickly (hand
 * slow work to another thread); a failure they throw does not undo the recorded withdrawal.
 */
@FunctionalInterface
public interface ConsentWithdrawalListener {

    /** Does nothing; for embedders without live sessions. */
    ConsentWithdrawalListener NONE = (user, purpose) -> { };

    void withdrawn(UserId user, Purpose purpose);
}
