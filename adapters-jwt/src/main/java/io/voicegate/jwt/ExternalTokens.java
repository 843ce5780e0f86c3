package io.voicegate.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.voicegate.core.identity.VerifiedToken;

import java.net.http.HttpClient;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens of one external identity provider (Firebase, Auth0, Supabase, ...): the algorithm is chosen by the key,
 * never by the token (RS256 for an RSA key, ES256 for a P-256 key, HS256 only with a configured secret), so an
 * HS256 token signed with a public key is refused. {@code sub} is required; a {@code role} claim, when present,
 * must be {@code authenticated}, and with a shared HS256 secret it must be present: Supabase's {@code anon} and
 * {@code service_role} keys are themselves valid HS256 JWTs and are never a user. Thread-safe.
 */
final class ExternalTokens {

    private final ExternalIssuer settings;
    private final Clock clock;
    private final Optional<RemoteJwks> jwks;
    private final Optional<JWTVerifier> hs256;

    ExternalTokens(ExternalIssuer settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.jwks = settings.jwksUrl().map(url -> new RemoteJwks(url, http, clock));
        this.hs256 = settings.hs256Secret().map(secret -> verifier(Algorithm.HMAC256(secret.value())));
    }

    String issuer() {
        return settings.issuer();
    }

    int jwksFetches() {
        return jwks.map(RemoteJwks::fetches).orElse(0);
    }

    /** @throws JWTVerificationException for any failed check */
    VerifiedToken verify(DecodedJWT jwt) {
        JWTVerifier verifier;
        boolean roleRequired = hs256.isPresent();
        if (hs256.isPresent()) {
            verifier = hs256.get();
        } else {
            var kid = jwt.getKeyId();
            if (kid == null) throw new JWTVerificationException("no kid");
            var key = jwks.orElseThrow().key(kid).orElseThrow(() -> new JWTVerificationException("unknown kid"));
            verifier = verifier(algorithmFor(key, jwt));
        }
        var verified = verifier.verify(jwt);
        var role = verified.getClaim("role");
        if (role.isMissing() ? roleRequired : !"authenticated".equals(role.asString())) {
            throw new JWTVerificationException("role is not authenticated");
        }
        var issuedAt = Optional.ofNullable(verified.getIssuedAtAsInstant()).orElse(Instant.EPOCH);
        var email = Optional.ofNullable(verified.getClaim("email").asString());
        return new VerifiedToken(VerifiedToken.Source.EXTERNAL, settings.issuer(), verified.getSubject(), issuedAt, email);
    }

    private JWTVerifier verifier(Algorithm algorithm) {
        var verification = JWT.require(algorithm)
                .withIssuer(settings.issuer())
                .withAudience(settings.audience())
                .withClaimPresence("exp")
                .withClaimPresence("sub")
                .acceptLeeway(VoicegateTokens.LEEWAY.toSeconds());
        return ((JWTVerifier.BaseVerification) verification).build(clock);
    }

    private static Algorithm algorithmFor(PublicKey key, DecodedJWT jwt) {
        if (key instanceof RSAPublicKey rsa) return Algorithm.RSA256(rsa, null);
        if (key instanceof ECPublicKey ec) {
            rejectZeroSignature(jwt);
            return Algorithm.ECDSA256(ec, null);
        }
        throw new JWTVerificationException("unsupported key");
    }

    /** CVE-2022-21449: an ECDSA signature of zeros must never verify, whatever the JDK underneath. */
    private static void rejectZeroSignature(DecodedJWT jwt) {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(jwt.getSignature());
        } catch (IllegalArgumentException e) {
            throw new JWTVerificationException("signature not base64url");
        }
        if (signature.length != 64) throw new JWTVerificationException("ES256 signature must be 64 bytes");
        if (allZero(signature, 0, 32) || allZero(signature, 32, 64)) {
            throw new SignatureVerificationException(Algorithm.none());
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        int acc = 0;
        for (int i = from; i < to; i++) acc |= bytes[i];
        return acc == 0;
    }
}
