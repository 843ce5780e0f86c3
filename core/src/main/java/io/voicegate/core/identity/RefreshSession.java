package io.voicegate.core.identity;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.time.Clock;
import java.util.Objects;

/**
 * Trades a refresh token for new tokens of the same family. Each refresh token works once: presenting one that was
 * already used revokes its whole family (whoever holds the other copy is locked out too) and answers 401.
 */
public final class RefreshSession {

    public record Command(String refreshToken, RequestContext request) {
        public Command {
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String toString() {
            return "Command[refreshToken=***, request=" + request + "]";
        }
    }

    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final SessionTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;

    public RefreshSession(UserStore users, RefreshTokenStore refreshTokens, SessionTokens tokens, AuditTrail audit,
                          Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws Unauthenticated for an unknown, expired, revoked or reused token, or a deleted user */
    public SignedIn handle(Command command) {
        var hash = SessionTokens.hash(command.refreshToken());
        var stored = refreshTokens.find(hash).orElseThrow(Unauthenticated::new);
        var now = clock.instant();
        if (stored.revoked() || stored.isExpiredAt(now)) throw new Unauthenticated();
        if (!refreshTokens.markUsed(hash, now)) {
            refreshTokens.revokeFamily(stored.family());
            audit.actionOn(AuditTrail.SYSTEM, stored.user(), "auth.refresh_reused", "refresh_token_family",
                    stored.family().toString(), Outcome.DENIED, command.request(), "family revoked");
            throw new Unauthenticated();
        }
        var user = users.find(stored.user()).orElseThrow(Unauthenticated::new);
        var signedIn = new SignedIn(user, tokens.issue(user.id(), stored.family()));
        audit.userAction(user.id(), "auth.refresh", "refresh_token_family", stored.family().toString(),
                Outcome.SUCCESS, command.request());
        return signedIn;
    }
}
