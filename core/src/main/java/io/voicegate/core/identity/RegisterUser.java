package io.voicegate.core.identity;

import io.voicegate.core.InvalidField;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Creates an account with an email and a password, signs it in and audits {@code auth.register}. */
public final class RegisterUser {

    /** @param displayName optional; blank counts as absent */
    public record Command(String email, Password password, Optional<String> displayName, RequestContext request) {
        public Command {
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(request, "request");
        }
    }

    private final UserStore users;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;
    private final IdGenerator ids;

    public RegisterUser(UserStore users, PasswordHasher hasher, SessionTokens tokens, AuditTrail audit, Clock clock,
                        IdGenerator ids) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** @throws InvalidField naming the field; {@link AccountExists} when the email is taken */
    public SignedIn handle(Command command) {
        var email = Email.of(command.email());
        var password = command.password().requireAcceptableForNewAccount();
        var displayName = command.displayName().map(String::strip).filter(n -> !n.isEmpty());
        if (displayName.filter(n -> n.length() > User.MAX_DISPLAY_NAME).isPresent()) {
            throw new InvalidField("/display_name",
                    "Field 'display_name' must be at most " + User.MAX_DISPLAY_NAME + " characters.");
        }
        var user = new User(new UserId(ids.next()), Optional.of(email), displayName, clock.instant());
        users.add(Account.withPassword(user, hasher.hash(password)));
        audit.userAction(user.id(), "auth.register", "user", user.id().toString(), Outcome.SUCCESS, command.request());
        return new SignedIn(user, tokens.issue(user.id(), ids.next()));
    }
}
