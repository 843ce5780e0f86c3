package io.voicegate.core.privacy;

import io.voicegate.core.identity.UserId;

/**
 * Ends a user's live sessions (relays closed, calls hung up) when their data is erased. Thread-safe; returns once
 * the sessions are told to end, without waiting for them to finish.
 */
@FunctionalInterface
public interface ActiveSessions {

    /** For embedders without live sessions. */
    ActiveSessions NONE = (user, reason) -> { };

    /** @param reason a snake_case close reason such as {@code user_erased} */
    void endAll(UserId user, String reason);
}
