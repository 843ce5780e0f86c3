package io.voicegate.launcher;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.identity.LogIn;
import io.voicegate.core.identity.LogOut;
import io.voicegate.core.identity.RefreshSession;
import io.voicegate.core.identity.RegisterUser;
import io.voicegate.core.identity.SessionTokens;
import io.voicegate.core.identity.ShowCurrentUser;
import io.voicegate.core.identity.TokenVerifier;
import io.voicegate.core.identity.VerifyBearerToken;
import io.voicegate.http.AuthEndpoints;
import io.voicegate.http.Authenticator;
import io.voicegate.http.CaffeineRateLimiter;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.CorsFilter;
import io.voicegate.http.Endpoints;
import io.voicegate.http.Guards;
import io.voicegate.http.OriginPolicy;
import io.voicegate.jwt.Argon2idPasswordHasher;
import io.voicegate.jwt.Jwks;
import io.voicegate.jwt.CachingTokenDecoder;
import io.voicegate.jwt.JwtTokenDecoder;
import io.voicegate.jwt.SigningKeys;
import io.voicegate.jwt.VoicegateTokens;
import io.voicegate.launcher.config.AuthConfig;
import io.voicegate.core.identity.LocalPasswords;
import io.voicegate.persistence.JdbiStores;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Identity and access, wired by hand: keys, token issuer and decoder, stores, use cases, and what other route groups
 * reuse ({@link #authenticator}, {@link #guards}). {@link #endpoints} go first in the list given to HttpApi, so
 * the CORS filter runs before any route group's own filters.
 */
record IdentityWiring(TokenVerifier verifier, Authenticator authenticator, Guards guards, OriginPolicy origins,
                      ClientAddresses addresses, LocalPasswords localPasswords, List<Endpoints> endpoints) {

    static IdentityWiring create(AuthConfig config, JdbiStores stores, AuditTrail audit, Clock clock, IdGenerator ids) {
        var keys = SigningKeys.loadOrCreate(config.keysDir(), clock, config.accessTokenLifetime());
        keys.rotateIfOlderThan(config.keyRotation())
                .ifPresent(key -> LoggerFactory.getLogger(IdentityWiring.class).info("JWT signing key rotated; new kid {}", key.kid()));
        var tokens = new VoicegateTokens(keys, config.issuer(), config.audience(), config.accessTokenLifetime(), clock);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // Verified tokens are remembered until they expire: one Ed25519 check per token, not per request.
        var decoder = new CachingTokenDecoder(new JwtTokenDecoder(tokens, config.external(), http, clock), clock,
                100_000, config.accessTokenLifetime().plus(Duration.ofHours(1)));

        var users = stores.users();
        var refreshTokens = stores.refreshTokens();
        var hasher = Argon2idPasswordHasher.OWASP;
        var limiter = new CaffeineRateLimiter(clock, LogIn.LOCKOUT.window(), 100_000);
        var sessionTokens = new SessionTokens(tokens, refreshTokens, clock, new SecureRandom(), config.refreshTokenLifetime());
        var useCases = new AuthEndpoints.UseCases(
                new RegisterUser(users, hasher, sessionTokens, audit, clock, ids),
                new LogIn(users, hasher, sessionTokens, limiter, audit, ids),
                new RefreshSession(users, refreshTokens, sessionTokens, audit, clock),
                new LogOut(refreshTokens, audit),
                new ShowCurrentUser(users, audit));
        var verifier = new VerifyBearerToken(decoder, users, audit, clock, ids);

        var origins = new OriginPolicy(config.corsOrigins());
        var authenticator = new Authenticator(verifier, config.cookies().accessName(), origins);
        var addresses = ClientAddresses.trusting(config.trustedProxies());
        var guards = new Guards(origins, limiter, addresses, config.limits());
        var jwks = new Jwks(keys);
        var endpoints = List.<Endpoints>of(new CorsFilter(origins),
                new AuthEndpoints(useCases, authenticator, config.cookies(), guards, jwks::json, clock));
        return new IdentityWiring(verifier, authenticator, guards, origins, addresses,
                new LocalPasswords(users, hasher), endpoints);
    }
}
