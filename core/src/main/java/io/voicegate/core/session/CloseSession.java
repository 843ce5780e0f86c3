package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.time.Clock;
import java.util.Optional;

/**
 * Ends a session on behalf of the system (the relay on a close, the sweeper, a quota, a shutdown). Idempotent:
 * a session already over keeps its first reason. Empty when there is no such session.
 */
public final class CloseSession {

    private final SessionStore sessions;
    private final AuditTrail audit;
    private final Clock clock;

    public CloseSession(SessionStore sessions, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<VoiceSession> handle(SessionId id, EndReason reason, RequestContext request) {
        for (int attempt = 0; ; attempt++) {
            var found = sessions.find(id);
            if (found.isEmpty()) return Optional.empty();
            var current = found.get();
            var next = current.end(reason, clock.instant());
            if (next.equals(current)) return found;
            if (sessions.update(next, current.status())) {
                audit.actionOn(AuditTrail.SYSTEM, next.owner(), "session.end", "voice_session", id.toString(),
                        Outcome.SUCCESS, request, "reason=" + reason.wire());
                return Optional.of(next);
            }
            if (attempt >= 3) throw new IllegalStateException("session " + id + " keeps changing");
        }
    }
}
