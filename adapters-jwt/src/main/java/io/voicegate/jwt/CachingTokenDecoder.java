package io.voicegate.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voicegate.core.identity.TokenDecoder;
import io.voicegate.core.identity.VerifiedToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Remembers tokens that already passed full verification, so a client that sends the same access token with every
 * request pays for the Ed25519 check once, not per request. Only successes are kept, keyed by the exact token text
 * (a changed byte is a different key and is verified in full), and only until the token's own expiry plus the
 * verifier's leeway, checked against the injected clock on every hit. Whether the user still exists is decided
 * after this, on every request, by {@code VerifyBearerToken}. Thread-safe.
 */
public final class CachingTokenDecoder implements TokenDecoder {

    /** The same leeway the verifiers grant on {@code exp}. */
    static final Duration LEEWAY = Duration.ofSeconds(60);

    private record Verified(VerifiedToken token, Instant usableUntil) {
    }

    private final TokenDecoder delegate;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    public CachingTokenDecoder(TokenDecoder delegate, Clock clock, int maximumEntries, Duration longestTokenLifetime) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                .expireAfterWrite(longestTokenLifetime.plus(LEEWAY))
                .build();
    }

    @Override
    public VerifiedToken decode(String token) {
        var known = verified.getIfPresent(token);
        if (known != null) {
            if (!clock.instant().isAfter(known.usableUntil())) return known.token();
            verified.invalidate(token);
        }
        var fresh = delegate.decode(token); // throws Unauthenticated for anything not acceptable
        expiryOf(token).ifPresent(expiresAt -> verified.put(token, new Verified(fresh, expiresAt.plus(LEEWAY))));
        return fresh;
    }

    private static java.util.Optional<Instant> expiryOf(String token) {
        try {
            return java.util.Optional.ofNullable(JWT.decode(token).getExpiresAtAsInstant());
        } catch (JWTDecodeException e) {
            return java.util.Optional.empty();
        }
    }
}
