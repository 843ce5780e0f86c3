package io.voicegate.core.privacy;

import io.voicegate.core.audit.AuditCursor;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditHistory;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Access and portability (GDPR Art. 15, 20): one document with every registered store's section about the user
 * plus the audit events about them. Audited.
 */
public final class ExportUserData {

    public static final String AUDIT_SECTION = "audit_events";
    private static final int AUDIT_PAGE = 500;

    private final List<PersonalData> stores;
    private final AuditHistory history;
    private final AuditTrail audit;
    private final Clock clock;

    public ExportUserData(List<PersonalData> stores, AuditHistory history, AuditTrail audit, Clock clock) {
        this.stores = List.copyOf(stores);
        this.history = Objects.requireNonNull(history, "history");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        var names = new java.util.HashSet<String>();
        for (var store : this.stores) {
            if (store.section().equals(AUDIT_SECTION) || !names.add(store.section())) {
                throw new IllegalArgumentException("duplicate export section " + store.section());
            }
        }
    }

    public UserDataExport handle(UserId user, RequestContext request) {
        var sections = new LinkedHashMap<String, Object>();
        for (var store : stores) sections.put(store.section(), store.export(user));
        sections.put(AUDIT_SECTION, auditEventsAbout(audit.pseudonymOf(user)));
        audit.userAction(user, "user.exported", "user", null, Outcome.SUCCESS, request);
        return new UserDataExport(user, clock.instant(), sections);
    }

    private List<AuditEvent> auditEventsAbout(String subject) {
        var events = new ArrayList<AuditEvent>();
        Optional<AuditCursor> after = Optional.empty();
        do {
            var page = history.about(subject, after, AUDIT_PAGE);
            events.addAll(page.events());
            after = page.next();
        } while (after.isPresent());
        return events;
    }
}
