package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.Optional;

/**
 * When a user withdraws transcript-storage consent, their live sessions (ACTIVE, and CREATED ones not connected yet)
 * stop keeping transcript text from that moment: every later turn, upload or provider report of them is dropped.
 * What was stored before the withdrawal stays until the retention sweep or an erasure removes it. Each changed
 * session is audited.
 */
public final class StopStoringTranscripts {

    private static final int PAGE = 100;

    private final SessionStore sessions;
    private final AuditTrail audit;

    public StopStoringTranscripts(SessionStore sessions, AuditTrail audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Returns how many sessions it changed. */
    public int handle(UserId user, RequestContext request) {
        int changed = 0;
        for (var status : new SessionStatus[]{SessionStatus.ACTIVE, SessionStatus.CREATED}) {
            Optional<SessionCursor> after = Optional.empty();
            while (true) {
                var page = sessions.listOwned(user, Optional.of(status), after, PAGE);
                for (var session : page) {
                    if (stop(session)) {
                        changed++;
                        audit.actionOn(AuditTrail.SYSTEM, user, "transcript.storage_stopped", "voice_session",
                                session.id().toString(), Outcome.SUCCESS, request, "consent_withdrawn");
                    }
                }
                if (page.size() < PAGE) break;
                after = Optional.of(SessionCursor.after(page.get(page.size() - 1)));
            }
        }
        return changed;
    }

    /** Retries when another writer changed the session in between; a session that ended meanwhile is left alone. */
    private boolean stop(VoiceSession session) {
        var current = session;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!current.transcriptStored() || current.status().isTerminal()) return false;
            if (sessions.update(current.withTranscriptStored(false), current.status())) return true;
            var reloaded = sessions.find(current.id());
            if (reloaded.isEmpty()) return false;
            current = reloaded.get();
        }
        throw new IllegalStateException("session " + session.id() + " keeps changing");
    }
}
