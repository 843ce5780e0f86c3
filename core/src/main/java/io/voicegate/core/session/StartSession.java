package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.time.Clock;

/** Marks the owner's session connected (ACTIVE). Idempotent: starting an ACTIVE session returns it unchanged. */
public final class StartSession {

    public record Command(UserId user, SessionId session, RequestContext request) {
    }

    private final OwnedSessions owned;
    private final Clock clock;

    public StartSession(SessionStore sessions, AuditTrail audit, Clock clock) {
        this.owned = new OwnedSessions(sessions, audit);
        this.clock = clock;
    }

    /** @throws SessionConflict (409) when the session is over or its credential expired before it connected */
    public VoiceSession handle(Command command) {
        return owned.change(command.user(), command.session(), "session.start", command.request(),
                current -> current.start(clock.instant()));
    }
}
