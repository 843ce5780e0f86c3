package io.voicegate.core.identity;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.limits.RateLimit;
import io.voicegate.core.limits.RateLimiter;

import java.time.Duration;
import java.util.Objects;

/**
 * Signs a user in with email and password. An unknown email costs one hash comparison too and gets the same answer
 * as a wrong password; after {@link #LOCKOUT} failures for one account, further tries are refused until the window
 * passes. Audits {@code auth.login}, {@code auth.login_failed} and {@code auth.login_locked}.
 */
public final class LogIn {

    /** Five failed logins per account within fifteen minutes lock it until the window passes. */
    public static final RateLimit LOCKOUT = new RateLimit(5, Duration.ofMinutes(15));
    static final String WRONG = "Email or password is not correct.";

    public record Command(String email, Password password, RequestContext request) {
        public Command {
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(request, "request");
        }
    }

    private final UserStore users;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final RateLimiter limiter;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final PasswordHash decoy;

    public LogIn(UserStore users, PasswordHasher hasher, SessionTokens tokens, RateLimiter limiter, AuditTrail audit,
                 IdGenerator ids) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.ids = Objects.requireNonNull(ids, "ids");
        // Compared against when the email is unknown, so both answers cost one full hash comparison.
        this.decoy = hasher.hash(new Password("decoy-" + ids.next() + ids.next()));
    }

    /** @throws Unauthenticated for a wrong password or unknown email; RateLimited while the account is locked */
    public SignedIn handle(Command command) {
        var email = Email.of(command.email());
        var bucket = "login-failures:" + email.value();
        var lock = limiter.peek(bucket, LOCKOUT);
        if (!lock.allowed()) {
            audit.systemAction(AuditTrail.ANONYMOUS, "auth.login_locked", "user", Outcome.DENIED, command.request(), null);
            lock.orThrow("Too many failed logins for this account; try again later.");
        }
        var account = users.findByEmail(email);
        var stored = account.flatMap(Account::password);
        boolean matches = hasher.matches(command.password(), stored.orElse(decoy)) && stored.isPresent();
        if (!matches) {
            limiter.acquire(bucket, LOCKOUT);
            account.ifPresentOrElse(
                    a -> audit.actionOn(AuditTrail.ANONYMOUS, a.user().id(), "auth.login_failed", "user",
                            a.user().id().toString(), Outcome.FAILURE, command.request(), null),
                    () -> audit.systemAction(AuditTrail.ANONYMOUS, "auth.login_failed", "user", Outcome.FAILURE,
                            command.request(), "unknown account"));
            throw new Unauthenticated(WRONG);
        }
        limiter.reset(bucket);
        var user = account.get().user();
        audit.userAction(user.id(), "auth.login", "user", user.id().toString(), Outcome.SUCCESS, command.request());
        return new SignedIn(user, tokens.issue(user.id(), ids.next()));
    }
}
