package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.time.Clock;

/** The owner ends their session ({@code ended_by_user}). Idempotent: an ended session is returned unchanged. */
public final class EndSession {

    public record Command(UserId user, SessionId session, RequestContext request) {
    }

    private final SessionStore sessions;
    private final OwnedSessions owned;
    private final AuditTrail audit;
    private final Clock clock;

    public EndSession(SessionStore sessions, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.owned = new OwnedSessions(sessions, audit);
        this.audit = audit;
        this.clock = clock;
    }

    public VoiceSession handle(Command command) {
        for (int attempt = 0; ; attempt++) {
            var current = owned.require(command.user(), command.session(), "session.end", command.request());
            var next = current.end(EndReason.ENDED_BY_USER, clock.instant());
            if (next.equals(current)) return current;
            if (sessions.update(next, current.status())) {
                audit.userAction(command.user(), "session.end", "voice_session", next.id().toString(),
                        Outcome.SUCCESS, command.request());
                return next;
            }
            if (attempt >= 3) throw new IllegalStateException("session " + command.session() + " keeps changing");
        }
    }
}
