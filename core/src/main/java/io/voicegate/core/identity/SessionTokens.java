package io.voicegate.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands out an access token plus a refresh token of a family, storing only the refresh token's SHA-256. Shared by
 * the sign-in use cases. Thread-safe.
 */
public final class SessionTokens {

    private final TokenIssuer issuer;
    private final RefreshTokenStore refreshTokens;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration refreshLifetime;

    public SessionTokens(TokenIssuer issuer, RefreshTokenStore refreshTokens, Clock clock, SecureRandom random,
                         Duration refreshLifetime) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (refreshLifetime.isNegative() || refreshLifetime.isZero()) throw new IllegalArgumentException("refreshLifetime");
        this.refreshLifetime = refreshLifetime;
    }

    /** New tokens for the user in the given family (a fresh family for a new login). */
    public Tokens issue(UserId user, UUID family) {
        var now = clock.instant();
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var refresh = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var expires = now.plus(refreshLifetime);
        refreshTokens.add(new RefreshToken(hash(refresh), family, user, now, expires, Optional.empty(), false));
        return new Tokens(issuer.issue(user, now), refresh, expires);
    }

    /** The stored form of a refresh token. */
    public static String hash(String refreshToken) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
