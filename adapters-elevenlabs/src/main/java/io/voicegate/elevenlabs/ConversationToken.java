package io.voicegate.elevenlabs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A WebRTC conversation token (a LiveKit JWT) with the conversation id ElevenLabs assigned, when it says one; valid
 * until {@code expiresAt}. {@link #toString()} hides the token.
 */
public record ConversationToken(String token, Optional<String> conversationId, Instant expiresAt) {

    public ConversationToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "ConversationToken[***, conversationId=" + conversationId.orElse("?") + ", expires " + expiresAt + "]";
    }
}
