package io.voicegate.core.identity;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TokenVerifier} of the server: a {@link TokenDecoder} checks the cryptography and claims, then this
 * insists a Voicegate token's user still exists, and maps an external identity to its user, creating the account
 * on first sight (without its email: an external email never takes over a password account). Thread-safe.
 */
public final class VerifyBearerToken implements TokenVerifier {

    private final TokenDecoder decoder;
    private final UserStore users;
    private final AuditTrail audit;
    private final Clock clock;
    private final IdGenerator ids;

    public VerifyBearerToken(TokenDecoder decoder, UserStore users, AuditTrail audit, Clock clock, IdGenerator ids) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.users = Objects.requireNonNull(users, "users");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public Principal verify(String token) {
        var verified = decoder.decode(token);
        if (verified.source() == VerifiedToken.Source.VOICEGATE) {
            var user = UserId.parse(verified.subject()).flatMap(users::find).orElseThrow(Unauthenticated::new);
            return new Principal(user.id(), Principal.AuthenticationMethod.VOICEGATE_TOKEN, verified.issuedAt());
        }
        var identity = new ExternalIdentity(verified.issuer(), verified.subject());
        var user = users.findByExternal(identity).orElseGet(() -> firstSight(identity));
        return new Principal(user.id(), Principal.AuthenticationMethod.EXTERNAL_TOKEN, verified.issuedAt());
    }

    private User firstSight(ExternalIdentity identity) {
        var user = new User(new UserId(ids.next()), Optional.empty(), Optional.empty(), clock.instant());
        try {
            users.add(Account.external(user, identity));
        } catch (AccountExists raced) {
            return users.findByExternal(identity).orElseThrow(Unauthenticated::new);
        }
        audit.userAction(user.id(), "auth.register_external", "user", user.id().toString(), Outcome.SUCCESS,
                RequestContext.system("external-identity"));
        return user;
    }
}
