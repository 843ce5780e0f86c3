package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

/** The owner reads one of their sessions; anyone else gets {@link SessionNotFound}. */
public final class GetSession {

    public record Query(UserId user, SessionId session, RequestContext request) {
    }

    private final OwnedSessions owned;
    private final AuditTrail audit;

    public GetSession(SessionStore sessions, AuditTrail audit) {
        this.owned = new OwnedSessions(sessions, audit);
        this.audit = audit;
    }

    public VoiceSession handle(Query query) {
        var session = owned.require(query.user(), query.session(), "session.read", query.request());
        audit.userAction(query.user(), "session.read", "voice_session", session.id().toString(), Outcome.SUCCESS,
                query.request());
        return session;
    }
}
