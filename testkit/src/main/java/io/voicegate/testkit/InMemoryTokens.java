package io.voicegate.testkit;

import io.voicegate.core.identity.AccessToken;
import io.voicegate.core.identity.TokenDecoder;
import io.voicegate.core.identity.TokenIssuer;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.VerifiedToken;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque access tokens remembered in memory, for route tests that need issue-then-verify without keys. Thread-safe. */
public final class InMemoryTokens implements TokenIssuer, TokenDecoder {

    public static final String ISSUER = "urn:voicegate:test";

    private record Issued(UserId user, Instant issuedAt, Instant expiresAt) {
    }

    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public InMemoryTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    public AccessToken issue(UserId user, Instant issuedAt) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var token = "at_" + HexFormat.of().formatHex(bytes);
        var expiresAt = issuedAt.plus(lifetime);
        issued.put(token, new Issued(user, issuedAt, expiresAt));
        return new AccessToken(token, expiresAt);
    }

    @Override
    public VerifiedToken decode(String token) {
        var found = issued.get(token);
        if (found == null || !clock.instant().isBefore(found.expiresAt())) throw new Unauthenticated();
        return new VerifiedToken(VerifiedToken.Source.VOICEGATE, ISSUER, found.user().toString(), found.issuedAt(),
                Optional.empty());
    }
}
