package io.voicegate.core.session;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.SessionConsent;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.usage.QuotaGuard;

import java.time.Instant;
import java.util.Objects;

/**
 * The checks every new session passes, whichever path opens it (minting a credential, a relay creating its own
 * session): current {@code voice_processing} consent first (403), then the quotas (429). A refusal is audited as a
 * denied {@code session.create} naming the refusal's code. What the consent allows (transcript storage) comes back
 * for the session record.
 */
final class SessionAdmission {

    private final ConsentGate consents;
    private final QuotaGuard quotas;
    private final AuditTrail audit;

    SessionAdmission(ConsentGate consents, QuotaGuard quotas, AuditTrail audit) {
        this.consents = Objects.requireNonNull(consents, "consents");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * @throws io.voicegate.core.consent.ConsentRequired without current voice-processing consent
     * @throws io.voicegate.core.usage.QuotaExceeded     when a quota leaves no room
     */
    SessionConsent admit(UserId user, Instant now, RequestContext request) {
        try {
            var consent = consents.forNewSession(user);
            quotas.checkNewSession(user, now);
            return consent;
        } catch (VoicegateException refused) {
            audit.actionOn(audit.pseudonymOf(user), user, "session.create", "voice_session", null, Outcome.DENIED,
                    request, refused.code());
            throw refused;
        }
    }
}
