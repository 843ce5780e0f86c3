package io.voicegate.launcher.privacy;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.ListAuditEvents;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentWithdrawalListener;
import io.voicegate.core.consent.GetConsentStatus;
import io.voicegate.core.consent.GrantConsent;
import io.voicegate.core.privacy.ActiveSessions;
import io.voicegate.core.privacy.EraseUserData;
import io.voicegate.core.privacy.ExportUserData;
import io.voicegate.core.privacy.Reauthenticate;
import io.voicegate.core.privacy.Reauthentication;
import io.voicegate.core.privacy.RetentionSweep;
import io.voicegate.http.Authenticator;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.ConsentEndpoints;
import io.voicegate.http.Endpoints;
import io.voicegate.http.PrivacyEndpoints;
import io.voicegate.launcher.config.PrivacyConfig;
import io.voicegate.persistence.JdbiStores;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Consent, audit and data-subject rights, wired by hand over the Jdbi stores. Other parts of the server take the
 * {@link #trail()} to audit and the {@link #consentGate()} to check consent before a session starts.
 */
public final class PrivacyWiring {

    /** What the rest of the server needs from the privacy side, and the outside parts privacy needs from it. */
    public record Collaborators(Authenticator authenticator, ClientAddresses addresses, Reauthentication accounts,
                                ActiveSessions sessions, ConsentWithdrawalListener withdrawals) {
    }

    private final AuditTrail trail;
    private final ConsentGate consentGate;
    private final RetentionSweep sweep;
    private final List<Endpoints> endpoints;

    private PrivacyWiring(AuditTrail trail, ConsentGate consentGate, RetentionSweep sweep, List<Endpoints> endpoints) {
        this.trail = trail;
        this.consentGate = consentGate;
        this.sweep = sweep;
        this.endpoints = endpoints;
    }

    /** The audit trail alone (what a sweep run from the command line needs), with the audit retention applied. */
    public static AuditTrail trail(PrivacyConfig config, JdbiStores stores, Path dataDir, Clock clock, IdGenerator ids) {
        stores.audit().retainFor(config.auditRetentionDays());
        return new AuditTrail(stores.audit(), stores.pseudonyms(), clock, ids,
                AuditKeys.ipHashKey(config.ipHashKey(), dataDir));
    }

    /** The consent checks sessions make before they start (voice processing; transcript storage). */
    public static ConsentGate consentGate(PrivacyConfig config, JdbiStores stores) {
        return new ConsentGate(stores.consents(), config.consentPolicy());
    }

    public static RetentionSweep sweep(PrivacyConfig config, JdbiStores stores, AuditTrail trail, Clock clock) {
        return new RetentionSweep(config.retentionPolicy(), stores.expiringData(), stores.audit(), trail, clock);
    }

    public static PrivacyWiring wire(PrivacyConfig config, JdbiStores stores, Path dataDir, Clock clock,
                                     IdGenerator ids, Collaborators outside) {
        var trail = trail(config, stores, dataDir, clock, ids);
        var policy = config.consentPolicy();
        var consents = stores.consents();
        var consentEndpoints = new ConsentEndpoints(outside.authenticator(), outside.addresses(),
                new GrantConsent(consents, policy, trail, outside.withdrawals(), clock, ids),
                new GetConsentStatus(consents, policy, trail));
        var privacyEndpoints = new PrivacyEndpoints(outside.authenticator(), outside.addresses(),
                new PrivacyEndpoints.UseCases(
                        new ListAuditEvents(stores.audit(), trail),
                        new ExportUserData(stores.personalData(), stores.audit(), trail, clock),
                        new Reauthenticate(outside.accounts(), trail, clock),
                        new EraseUserData(stores.personalData(), outside.sessions(), trail)));
        return new PrivacyWiring(trail, consentGate(config, stores), sweep(config, stores, trail, clock),
                List.of(consentEndpoints, privacyEndpoints));
    }

    public AuditTrail trail() {
        return trail;
    }

    public ConsentGate consentGate() {
        return consentGate;
    }

    public RetentionSweep sweep() {
        return sweep;
    }

    public List<Endpoints> endpoints() {
        return endpoints;
    }
}
