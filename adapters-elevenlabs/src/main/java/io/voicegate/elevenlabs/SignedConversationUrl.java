package io.voicegate.elevenlabs;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed WebSocket URL for one conversation with a private agent; opaque (its signature is a credential, so
 * {@link #toString()} hides the query) and only usable to open a conversation until {@code expiresAt}.
 */
public record SignedConversationUrl(URI url, Instant expiresAt) {

    public SignedConversationUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "SignedConversationUrl[" + url.getScheme() + "://" + url.getAuthority() + url.getPath() + "?***, expires "
                + expiresAt + "]";
    }
}
