package io.voicegate.core.session;

import io.voicegate.core.identity.UserId;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which session (and whose) a {@link SessionRef} or a provider's conversation id stands for. Thread-safe; a reference is assigned once and never
 * points elsewhere later. Storage failures throw unchecked exceptions.
 */
public interface SessionRefs {

    /** What a reference resolves to. */
    record Target(UUID sessionId, UserId user) {
        public Target {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * Binds a fresh reference to a session.
     *
     * @throws IllegalStateException when the reference is already bound (a generator bug, never expected)
     */
    void assign(SessionRef ref, Target target);

    Optional<Target> find(SessionRef ref);

    /** The reference bound to a session, when it was given one (a relay hands it to the agent itself). */
    Optional<SessionRef> refOf(UUID sessionId);

    /**
     * Records the provider's conversation id of a session (once; a later, different id is ignored), so a provider's
     * report naming only the conversation finds the session. False when the session already had one or is gone.
     */
    boolean linkConversation(UUID sessionId, String conversationId);

    /** The session of this provider whose conversation id this is. */
    Optional<Target> findByConversation(String provider, String conversationId);
}
