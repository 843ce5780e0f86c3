package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.time.Clock;

/** The owner ends their session ({@code ended_by_user}). Idempotent: an ended session is returned unchanged. */
public final class EndSession {

    public record Command(UserId user, SessionId session, RequestContext request) {
    }

    private final OwnedSessions owned;
    private final Clock clock;

    public EndSession(SessionStore sessions, AuditTrail audit, Clock clock) {
        this.owned = new OwnedSessions(sessions, audit);
        this.clock = clock;
    }

    public VoiceSession handle(Command command) {
        return owned.change(command.user(), command.session(), "session.end", command.request(),
                current -> current.end(EndReason.ENDED_BY_USER, clock.instant()));
    }
}
