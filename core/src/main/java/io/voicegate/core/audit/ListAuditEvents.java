package io.voicegate.core.audit;

import io.voicegate.core.identity.UserId;

import java.util.Objects;
import java.util.Optional;

/**
 * Lists the audit events about a user (what {@code /me/audit} shows them), newest first, a page at a time. Reading
 * the trail is itself audited ({@code audit.read}, after the page is read, so it shows from the next read on).
 */
public final class ListAuditEvents {

    public static final int MAX_PAGE = 100;

    private final AuditHistory history;
    private final AuditTrail audit;

    public ListAuditEvents(AuditHistory history, AuditTrail audit) {
        this.history = Objects.requireNonNull(history, "history");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** @param limit 1 to {@value #MAX_PAGE}; callers validate the client's value first */
    public AuditPage handle(UserId user, Optional<AuditCursor> after, int limit, RequestContext request) {
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE);
        var page = history.about(audit.pseudonymOf(user), after, limit);
        audit.userAction(user, "audit.read", "audit_events", null, Outcome.SUCCESS, request);
        return page;
    }
}
