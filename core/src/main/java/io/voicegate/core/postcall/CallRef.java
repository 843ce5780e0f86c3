package io.voicegate.core.postcall;

import io.voicegate.core.session.SessionRef;

import java.util.Objects;
import java.util.Optional;

/**
 * Which call a provider event is about: the provider's conversation id, and the session reference the provider
 * echoed back when it has one. A session is matched by either.
 */
public record CallRef(String provider, String conversationId, Optional<SessionRef> sessionRef) {

    public CallRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(sessionRef, "sessionRef");
        if (conversationId.isBlank()) throw new IllegalArgumentException("conversationId must not be blank");
    }
}
