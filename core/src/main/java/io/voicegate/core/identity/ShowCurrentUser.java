package io.voicegate.core.identity;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.util.Objects;

/** The account of an authenticated caller ({@code /me}); reading it is audited ({@code user.read}). */
public final class ShowCurrentUser {

    private final UserStore users;
    private final AuditTrail audit;

    public ShowCurrentUser(UserStore users, AuditTrail audit) {
        this.users = Objects.requireNonNull(users, "users");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** @throws Unauthenticated when the account no longer exists */
    public User handle(Principal principal, RequestContext request) {
        var user = users.find(principal.user()).orElseThrow(Unauthenticated::new);
        audit.userAction(user.id(), "user.read", "user", user.id().toString(), Outcome.SUCCESS, request);
        return user;
    }
}
