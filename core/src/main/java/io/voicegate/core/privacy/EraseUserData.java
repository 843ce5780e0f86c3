package io.voicegate.core.privacy;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Erasure (GDPR Art. 17): ends the user's live sessions, deletes every registered store's rows about them, audits
 * the erasure under their pseudonym and then forgets the pseudonym key, so the audit events that stay (append-only)
 * can no longer be tied to the person. The caller has re-authenticated the user first ({@link Reauthenticate}).
 */
public final class EraseUserData {

    public static final String SESSION_END_REASON = "user_erased";

    /** How many rows each section lost. */
    public record Result(Map<String, Integer> deleted) {
        public Result {
            deleted = Map.copyOf(deleted);
        }

        public int total() {
            return deleted.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final List<PersonalData> stores;
    private final ActiveSessions sessions;
    private final AuditTrail audit;

    /** @param stores every store holding personal data, in erasure order (rows others refer to last) */
    public EraseUserData(List<PersonalData> stores, ActiveSessions sessions, AuditTrail audit) {
        this.stores = List.copyOf(stores);
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public Result handle(UserId user, RequestContext request) {
        sessions.endAll(user, SESSION_END_REASON);
        var deleted = new LinkedHashMap<String, Integer>();
        for (var store : stores) deleted.put(store.section(), store.erase(user));
        var result = new Result(deleted);
        var pseudonym = audit.pseudonymOf(user);
        audit.actionOn(pseudonym, user, "user.erased", "user", null, Outcome.SUCCESS, request,
                "rows=" + result.total());
        audit.forget(user);
        return result;
    }
}
