package io.voicegate.jwt;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An accepted external identity provider: its {@code iss}, the {@code aud} its tokens must carry, and how they are
 * signed: keys from a JWKS URL (RS256, ES256), or a shared HS256 secret (Supabase's legacy JWT secret).
 */
public record ExternalIssuer(String issuer, String audience, Optional<URI> jwksUrl, Optional<Secret> hs256Secret) {

    /** A shared secret; never printed. */
    public record Secret(byte[] value) {
        public Secret {
            if (value.length < 32) throw new IllegalArgumentException("an HS256 secret must be at least 32 bytes");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String toString() {
            return "Secret[***]";
        }
    }

    public ExternalIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(hs256Secret, "hs256Secret");
        if (jwksUrl.isPresent() == hs256Secret.isPresent()) {
            throw new IllegalArgumentException("exactly one of a JWKS URL and an HS256 secret");
        }
    }
}
