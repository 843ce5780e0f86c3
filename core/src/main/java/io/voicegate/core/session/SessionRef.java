package io.voicegate.core.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An opaque, unguessable reference to one voice session, handed to a provider's agent (as a dynamic variable)
 * instead of the session id, so that whoever sees it cannot name any other session. 128 random bits, base64url
 * without padding (22 characters).
 *
 * <p>It works as a bearer capability for server tools, so {@link #toString()} shows only a prefix.
 */
public record SessionRef(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public SessionRef {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a session reference is 22 base64url characters");
        }
    }

    /** Reads a reference a client or provider sent; empty when it is not even shaped like one. */
    public static Optional<SessionRef> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(new SessionRef(text)) : Optional.empty();
    }

    /** A fresh reference from 16 bytes of the given strong random source. */
    public static SessionRef random(SecureRandom random) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return new SessionRef(ENCODER.encodeToString(bytes));
    }

    @Override
    public String toString() {
        return "SessionRef[" + value.substring(0, 4) + "…]";
    }
}
