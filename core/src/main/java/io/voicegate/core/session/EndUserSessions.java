package io.voicegate.core.session;

import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.Optional;

/**
 * Ends every live session of one user (ACTIVE, and CREATED ones so their credential can no longer start them), e.g.
 * {@code consent_withdrawn} when they withdraw voice-processing consent, or before their data is erased.
 */
public final class EndUserSessions {

    private static final int PAGE = 100;

    private final SessionStore sessions;
    private final CloseSession close;

    public EndUserSessions(SessionStore sessions, CloseSession close) {
        this.sessions = sessions;
        this.close = close;
    }

    /** Returns how many sessions it ended. */
    public int handle(UserId user, EndReason reason, RequestContext request) {
        int ended = 0;
        for (var status : new SessionStatus[]{SessionStatus.ACTIVE, SessionStatus.CREATED}) {
            while (true) {
                var live = sessions.listOwned(user, Optional.of(status), Optional.empty(), PAGE);
                if (live.isEmpty()) break;
                for (var session : live) {
                    if (close.handle(session.id(), reason, request).filter(s -> s.status().isTerminal()).isPresent()) ended++;
                }
            }
        }
        return ended;
    }
}
