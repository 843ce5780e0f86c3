package io.voicegate.core.identity;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.util.Objects;

/** Revokes the refresh-token family of a refresh token and audits {@code auth.logout}. Unknown tokens change nothing. */
public final class LogOut {

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

    private final RefreshTokenStore refreshTokens;
    private final AuditTrail audit;

    public LogOut(RefreshTokenStore refreshTokens, AuditTrail audit) {
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** @return whether a family was found and revoked */
    public boolean handle(Command command) {
        var stored = refreshTokens.find(SessionTokens.hash(command.refreshToken()));
        stored.ifPresent(token -> {
            refreshTokens.revokeFamily(token.family());
            audit.userAction(token.user(), "auth.logout", "refresh_token_family", token.family().toString(),
                    Outcome.SUCCESS, command.request());
        });
        return stored.isPresent();
    }
}
