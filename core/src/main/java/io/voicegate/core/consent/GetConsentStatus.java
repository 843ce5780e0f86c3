package io.voicegate.core.consent;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.ArrayList;
import java.util.Objects;

/** Reads where a user stands on every purpose (an audited read of their consent data). */
public final class GetConsentStatus {

    private final ConsentStore consents;
    private final ConsentPolicy policy;
    private final AuditTrail audit;

    public GetConsentStatus(ConsentStore consents, ConsentPolicy policy, AuditTrail audit) {
        this.consents = Objects.requireNonNull(consents, "consents");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public ConsentStatus handle(UserId user, RequestContext request) {
        var purposes = new ArrayList<ConsentStatus.PurposeStatus>();
        for (var purpose : Purpose.values()) {
            int required = policy.requiredVersion(purpose);
            var latest = consents.latest(user, purpose);
            boolean granted = latest.map(Consent::granted).orElse(false);
            purposes.add(new ConsentStatus.PurposeStatus(purpose, purpose.required(), required, granted,
                    latest.filter(Consent::granted).map(Consent::version),
                    latest.map(c -> c.isCurrent(required)).orElse(false)));
        }
        audit.userAction(user, "consent.read", "consent", null, Outcome.SUCCESS, request);
        return new ConsentStatus(purposes);
    }
}
