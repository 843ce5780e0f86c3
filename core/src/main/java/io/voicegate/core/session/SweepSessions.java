package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.time.Clock;

/**
 * The periodic sweep: expires sessions that never connected within their credential's lifetime, and ends sessions
 * connected for longer than the policy allows ({@code max_duration}). Safe to run on several instances at once:
 * each change is a compare-and-set on the status.
 */
public final class SweepSessions {

    static final int BATCH = 200;
    private static final RequestContext SWEEP = RequestContext.system("session-sweep");

    /** How many sessions this sweep expired and ended. */
    public record Swept(int expired, int ended) {
    }

    private final SessionStore sessions;
    private final CloseSession close;
    private final SessionPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;

    public SweepSessions(SessionStore sessions, CloseSession close, SessionPolicy policy, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.close = close;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    public Swept handle() {
        var now = clock.instant();
        int expired = 0;
        for (var stale : sessions.createdExpiredBy(now, BATCH)) {
            if (sessions.update(stale.expire(now), SessionStatus.CREATED)) {
                expired++;
                audit.actionOn(AuditTrail.SYSTEM, stale.owner(), "session.expire", "voice_session",
                        stale.id().toString(), Outcome.SUCCESS, SWEEP, null);
            }
        }
        int ended = 0;
        for (var overdue : sessions.activeStartedBy(now.minus(policy.maxDuration()), BATCH)) {
            var closed = close.handle(overdue.id(), EndReason.MAX_DURATION, SWEEP);
            if (closed.flatMap(VoiceSession::endReason).filter(EndReason.MAX_DURATION::equals).isPresent()) ended++;
        }
        return new Swept(expired, ended);
    }
}
