package io.voicegate.core.session;

import io.voicegate.core.audit.RequestContext;

import java.time.Instant;

/**
 * Ends every ACTIVE session with one reason: {@link EndReason#SERVER_SHUTDOWN} on a graceful stop, and
 * {@link EndReason#INTERRUPTED} at start-up for sessions a crashed process left open. Assumes one Voicegate
 * instance owns all sessions (true until sessions carry the instance that holds them).
 */
public final class EndActiveSessions {

    /** Later than any session could have started; databases cannot store {@link Instant#MAX}. */
    private static final Instant ANY_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final SessionStore sessions;
    private final CloseSession close;

    public EndActiveSessions(SessionStore sessions, CloseSession close) {
        this.sessions = sessions;
        this.close = close;
    }

    /** Returns how many sessions it ended. */
    public int handle(EndReason reason) {
        var context = RequestContext.system(reason == EndReason.INTERRUPTED ? "startup-recovery" : "shutdown");
        int ended = 0;
        while (true) {
            var batch = sessions.activeStartedBy(ANY_TIME, SweepSessions.BATCH);
            if (batch.isEmpty()) return ended;
            for (var session : batch) {
                if (close.handle(session.id(), reason, context).flatMap(VoiceSession::endReason)
                        .filter(reason::equals).isPresent()) ended++;
            }
        }
    }
}
