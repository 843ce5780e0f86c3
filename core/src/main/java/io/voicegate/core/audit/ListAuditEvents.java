package io.voicegate.core.audit;

import io.voicegate.core.identity.UserId;

import java.util.Objects;
import java.util.Optional;

/** Lists the audit events about a user (what {@code /me/audit} shows them), newest first, a page at a time. */
public final class ListAuditEvents {

    public static final int MAX_PAGE = 100;

    private final AuditHistory history;
    private final AuditTrail audit;

    public ListAuditEvents(AuditHistory history, AuditTrail audit) {
        this.history = Objects.requireNonNull(history, "history");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** @param limit 1 to {@value #MAX_PAGE}; callers validate the client's value first */
    public AuditPage handle(UserId user, Optional<AuditCursor> after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE);
        return history.about(audit.pseudonymOf(user), after, limit);
    }
}
