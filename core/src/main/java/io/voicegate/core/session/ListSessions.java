package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.Optional;

/** The owner's sessions, newest first, a page at a time (limit 1 to 100, default 10), optionally by status. */
public final class ListSessions {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    /** @param status and cursor as the client wrote them; validated here */
    public record Query(UserId user, Optional<String> status, Optional<Integer> limit, Optional<String> cursor,
                        RequestContext request) {
    }

    private final SessionStore sessions;
    private final AuditTrail audit;

    public ListSessions(SessionStore sessions, AuditTrail audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    public SessionPage handle(Query query) {
        var status = query.status().map(text -> SessionStatus.parse(text).orElseThrow(() ->
                InvalidSessionRequest.parameter("status", "Parameter 'status' must be one of created, active, ended, expired, failed.")));
        int limit = query.limit().orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidSessionRequest.parameter("limit", "Parameter 'limit' must be an integer from 1 to " + MAX_LIMIT + ".");
        }
        var cursor = query.cursor().map(text -> SessionCursor.decode(text).orElseThrow(() ->
                InvalidSessionRequest.parameter("cursor", "Parameter 'cursor' is not a cursor this API returned.")));
        var found = sessions.listOwned(query.user(), status, cursor, limit + 1);
        var page = found.size() > limit ? found.subList(0, limit) : found;
        var next = found.size() > limit ? Optional.of(SessionCursor.after(page.get(limit - 1)).encode()) : Optional.<String>empty();
        audit.userAction(query.user(), "session.list", "voice_session", null, Outcome.SUCCESS, query.request());
        return new SessionPage(page, next);
    }
}
