package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.function.UnaryOperator;

/**
 * Loads a session for its owner, and changes it for them; anyone else (and a missing id) gets the same
 * {@link SessionNotFound}.
 */
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

    /**
     * Applies {@code change} to the owner's session and stores it if it changed, audited as {@code action}; retried on
     * a concurrent change (compare-and-set on the status). An unchanged session is returned as it is.
     */
    VoiceSession change(UserId user, SessionId id, String action, RequestContext request, UnaryOperator<VoiceSession> change) {
        for (int attempt = 0; ; attempt++) {
            var current = require(user, id, action, request);
            var next = change.apply(current);
            if (next.equals(current)) return current;
            if (sessions.update(next, current.status())) {
                audit.userAction(user, action, "voice_session", next.id().toString(), Outcome.SUCCESS, request);
                return next;
            }
            if (attempt >= 3) throw new IllegalStateException("session " + id + " keeps changing");
        }
    }
}
