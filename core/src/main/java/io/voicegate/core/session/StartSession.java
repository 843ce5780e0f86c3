package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.time.Clock;

/** Marks the owner's session connected (ACTIVE). Idempotent: starting an ACTIVE session returns it unchanged. */
public final class StartSession {

    public record Command(UserId user, SessionId session, RequestContext request) {
    }

    private final SessionStore sessions;
    private final OwnedSessions owned;
    private final AuditTrail audit;
    private final Clock clock;

    public StartSession(SessionStore sessions, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.owned = new OwnedSessions(sessions, audit);
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws SessionConflict (409) when the session is over or its credential expired before it connected */
    public VoiceSession handle(Command command) {
        for (int attempt = 0; ; attempt++) {
            var current = owned.require(command.user(), command.session(), "session.start", command.request());
            var next = current.start(clock.instant());
            if (next.equals(current)) return current;
            if (sessions.update(next, current.status())) {
                audit.userAction(command.user(), "session.start", "voice_session", next.id().toString(),
                        Outcome.SUCCESS, command.request());
                return next;
            }
            if (attempt >= 3) throw new IllegalStateException("session " + command.session() + " keeps changing");
        }
    }
}
