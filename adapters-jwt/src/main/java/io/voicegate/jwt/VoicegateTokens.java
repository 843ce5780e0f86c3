package io.voicegate.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.voicegate.core.identity.AccessToken;
import io.voicegate.core.identity.TokenIssuer;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.VerifiedToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Voicegate's own access tokens: EdDSA JWTs with {@code kid}, {@code iss}, {@code aud}, {@code sub} (the user id),
 * {@code iat}, {@code exp}, {@code jti} and {@code token_use=access}. Issues them with the active key and verifies
 * them with any key that still verifies. Thread-safe.
 */
public final class VoicegateTokens implements TokenIssuer {

    /** Clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration LEEWAY = Duration.ofSeconds(60);
    static final String TOKEN_USE = "token_use";

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final JWTVerifier verifier;

    public VoicegateTokens(SigningKeys keys, String issuer, String audience, Duration lifetime, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(Ed25519Algorithm.verifying(keys::verifyingKey))
                .withIssuer(issuer)
                .withAudience(audience)
                .withClaim(TOKEN_USE, "access")
                .withClaimPresence("exp")
                .withClaimPresence("sub")
                .acceptLeeway(LEEWAY.toSeconds()))
                .build(clock);
    }

    public String issuer() {
        return issuer;
    }

    @Override
    public AccessToken issue(UserId user, Instant issuedAt) {
        var key = keys.active();
        var expiresAt = issuedAt.plus(lifetime);
        var token = JWT.create()
                .withKeyId(key.kid())
                .withIssuer(issuer)
                .withAudience(audience)
                .withSubject(user.toString())
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt)
                .withJWTId(UUID.randomUUID().toString())
                .withClaim(TOKEN_USE, "access")
                .sign(Ed25519Algorithm.signing(key.kid(), key.privateKey()));
        return new AccessToken(token, expiresAt);
    }

    /** @throws com.auth0.jwt.exceptions.JWTVerificationException for any failed check */
    VerifiedToken verify(DecodedJWT jwt) {
        var verified = verifier.verify(jwt);
        var issuedAt = Optional.ofNullable(verified.getIssuedAtAsInstant()).orElse(verified.getExpiresAtAsInstant().minus(lifetime));
        return new VerifiedToken(VerifiedToken.Source.VOICEGATE, issuer, verified.getSubject(), issuedAt, Optional.empty());
    }
}
