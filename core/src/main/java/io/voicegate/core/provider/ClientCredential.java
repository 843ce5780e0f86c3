package io.voicegate.core.provider;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client needs to connect for one session, minted by a provider: a short-lived token, a (signed) URL, or
 * both, and when they stop working. {@link #type()} says how to use it, in the provider's own terms, e.g.
 * {@code client_secret} (OpenAI ephemeral key), {@code signed_url} (ElevenLabs signed WebSocket URL),
 * {@code conversation_token} (ElevenLabs WebRTC), {@code relay} (Voicegate's own relay URL), {@code ephemeral_token}
 * (Gemini Live).
 *
 * <p>{@link #extra()} holds provider-specific, client-safe, JSON-compatible values (strings, numbers, booleans,
 * lists and maps of them), e.g. a WebRTC calls URL or ElevenLabs dynamic variables.
 *
 * <p>The token and the URL are secrets (a signed URL grants access on its own): {@link #toString()} hides them.
 */
public record ClientCredential(String type, Optional<String> url, Optional<String> token, Instant expiresAt,
                               Map<String, Object> extra) {

    /** The {@link #extra()} member naming the provider's conversation id, when minting assigned one. */
    public static final String CONVERSATION_ID = "conversation_id";

    public ClientCredential {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        extra = Map.copyOf(extra);
        if (type.isBlank()) throw new IllegalArgumentException("type must not be blank");
        if (url.isEmpty() && token.isEmpty()) throw new IllegalArgumentException("a credential needs a url or a token");
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        return "ClientCredential[type=" + type + ", url=" + url.map(u -> "***").orElse("none")
                + ", token=" + token.map(t -> "***").orElse("none") + ", expiresAt=" + expiresAt
                + ", extra=" + extra.keySet() + "]";
    }
}
