package io.voicegate.testkit;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.identity.LogIn;
import io.voicegate.core.identity.LogOut;
import io.voicegate.core.identity.RefreshSession;
import io.voicegate.core.identity.RegisterUser;
import io.voicegate.core.identity.SessionTokens;
import io.voicegate.core.identity.ShowCurrentUser;
import io.voicegate.core.identity.VerifyBearerToken;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The identity use cases wired over in-memory fakes on a {@link MutableClock}, for tests of rules and routes. Each
 * field is the real thing a test may inspect (the audit log, the stores) or drive (the clock).
 */
public final class IdentityFixture {

    public final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    public final SequentialIds ids = new SequentialIds();
    public final InMemoryUserStore users = new InMemoryUserStore();
    public final InMemoryRefreshTokenStore refreshTokens = new InMemoryRefreshTokenStore();
    public final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    public final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
    public final FastPasswordHasher hasher = new FastPasswordHasher();
    public final InMemoryTokens tokens = new InMemoryTokens(clock, Duration.ofMinutes(15));
    public final AuditTrail audit = new AuditTrail(auditLog, new InMemoryPseudonyms(), clock, ids,
            "test-ip-hash-key-0123456789".getBytes(StandardCharsets.UTF_8));
    public final SessionTokens sessionTokens = new SessionTokens(tokens, refreshTokens, clock, new SecureRandom(),
            Duration.ofDays(30));
    public final RegisterUser register = new RegisterUser(users, hasher, sessionTokens, audit, clock, ids);
    public final LogIn logIn = new LogIn(users, hasher, sessionTokens, limiter, audit, ids);
    public final RefreshSession refresh = new RefreshSession(users, refreshTokens, sessionTokens, audit, clock);
    public final LogOut logOut = new LogOut(refreshTokens, audit);
    public final ShowCurrentUser currentUser = new ShowCurrentUser(users, audit);
    public final VerifyBearerToken verifier = new VerifyBearerToken(tokens, users, audit, clock, ids);
}
