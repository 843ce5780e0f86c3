package io.voicegate.core.consent;

import io.voicegate.core.InvalidField;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;

/**
 * Records a user's consent answer (a grant or a withdrawal) with the keyed hash of the client address, audits it,
 * and tells the withdrawal listener when consent is withdrawn.
 */
public final class GrantConsent {

    private static final Logger LOG = LoggerFactory.getLogger(GrantConsent.class);

    /** One answer: the policy version the user was shown, and whether they agreed. */
    public record Command(UserId user, Purpose purpose, int version, boolean granted, RequestContext request) {
        public Command {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(request, "request");
        }
    }

    private final ConsentStore consents;
    private final ConsentPolicy policy;
    private final AuditTrail audit;
    private final ConsentWithdrawalListener withdrawals;
    private final Clock clock;
    private final IdGenerator ids;

    public GrantConsent(ConsentStore consents, ConsentPolicy policy, AuditTrail audit,
                        ConsentWithdrawalListener withdrawals, Clock clock, IdGenerator ids) {
        this.consents = Objects.requireNonNull(consents, "consents");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.withdrawals = Objects.requireNonNull(withdrawals, "withdrawals");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * @throws InvalidField when the version is below 1 or above the purpose's current version (a policy the
     *                              user cannot have been shown)
     */
    public Consent handle(Command command) {
        int current = policy.requiredVersion(command.purpose());
        if (command.version() < 1 || command.version() > current) {
            throw new InvalidField("/version", "Field '/version' must be a policy version from 1 to "
                    + current + " for '" + command.purpose().id() + "'.");
        }
        var consent = new Consent(ids.next(), command.user(), command.purpose(), command.version(),
                command.granted(), clock.instant(), command.request().clientIp().map(audit::hashIp));
        consents.append(consent);
        audit.userAction(command.user(), command.granted() ? "consent.granted" : "consent.withdrawn", "consent",
                command.purpose().id(), Outcome.SUCCESS, command.request());
        if (!command.granted()) notifyWithdrawal(command);
        return consent;
    }

    private void notifyWithdrawal(Command command) {
        try {
            withdrawals.withdrawn(command.user(), command.purpose());
        } catch (RuntimeException e) {
            // The withdrawal is recorded and audited; the listener's failure must not turn it into an error.
            LOG.error("Consent withdrawal listener failed for purpose {}", command.purpose().id(), e);
        }
    }
}
