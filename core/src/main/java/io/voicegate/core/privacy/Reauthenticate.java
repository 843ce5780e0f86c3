package io.voicegate.core.privacy;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.Unauthenticated;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Confirms that the caller is the account holder right now, before an irreversible action such as erasure: local
 * accounts give their password again; users of an external identity provider need a token issued within the last
 * five minutes. A failed attempt is audited and answered 401.
 */
public final class Reauthenticate {

    public static final Duration FRESH_TOKEN = Duration.ofMinutes(5);

    private final Reauthentication accounts;
    private final AuditTrail audit;
    private final Clock clock;

    public Reauthenticate(Reauthentication accounts, AuditTrail audit, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws Unauthenticated when the password is missing or wrong, or the token is not fresh enough */
    public void handle(Principal principal, Optional<String> password, RequestContext request) {
        boolean local = principal.method() == Principal.AuthenticationMethod.VOICEGATE_TOKEN
                && accounts.hasPassword(principal.user());
        if (local ? passwordConfirms(principal, password) : isFresh(principal)) return;
        audit.userAction(principal.user(), "user.reauthenticate", "user", null, Outcome.DENIED, request);
        throw new Unauthenticated(local
                ? "Confirm this action with your current password (body {\"password\": ...})."
                : "Sign in again: this action needs a token issued within the last 5 minutes.");
    }

    private boolean passwordConfirms(Principal principal, Optional<String> password) {
        return password.filter(p -> !p.isEmpty()).map(p -> accounts.passwordMatches(principal.user(), p)).orElse(false);
    }

    private boolean isFresh(Principal principal) {
        return !principal.issuedAt().isBefore(clock.instant().minus(FRESH_TOKEN));
    }
}
