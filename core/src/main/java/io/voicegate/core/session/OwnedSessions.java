package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

/** Loads a session for its owner; anyone else (and a missing id) gets the same {@link SessionNotFound}. */
final class OwnedSessions {

    private final SessionStore sessions;
    private final AuditTrail audit;

    OwnedSessions(SessionStore sessions, AuditTrail audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    VoiceSession require(UserId user, SessionId id, String action, RequestContext request) {
        var found = sessions.find(id).filter(s -> s.isOwnedBy(user));
        if (found.isEmpty()) {
            audit.userAction(user, action, "voice_session", id.toString(), Outcome.DENIED, request);
            throw new SessionNotFound();
        }
        return found.get();
    }
}
