package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.realtime.LiveRelays;
import io.voicegate.core.realtime.RelayEnd;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Ends a session on behalf of the system (the relay on a close, the sweeper, a quota, a consent withdrawal, an
 * erasure, a shutdown) and closes its live relay, if one runs, with a close code and a client-safe reason.
 * Idempotent: a session already over keeps its first reason. Empty when there is no such session.
 */
public final class CloseSession {

    private final SessionStore sessions;
    private final AuditTrail audit;
    private final Clock clock;
    private final LiveRelays relays;

    public CloseSession(SessionStore sessions, AuditTrail audit, Clock clock) {
        this(sessions, audit, clock, LiveRelays.NONE);
    }

    public CloseSession(SessionStore sessions, AuditTrail audit, Clock clock, LiveRelays relays) {
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.relays = Objects.requireNonNull(relays, "relays");
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
                closeRelay(id, reason);
                return Optional.of(next);
            }
            if (attempt >= 3) throw new IllegalStateException("session " + id + " keeps changing");
        }
    }

    /** A relay that ended by itself is already over; telling it again does nothing. */
    private void closeRelay(SessionId id, EndReason reason) {
        switch (reason) {
            case CONSENT_WITHDRAWN -> relays.end(id.toString(), RelayEnd.Reason.CONSENT_WITHDRAWN, 1008,
                    "Consent to voice processing was withdrawn.");
            case QUOTA_EXHAUSTED -> relays.end(id.toString(), RelayEnd.Reason.QUOTA_EXHAUSTED, 1008,
                    "The usage quota is exhausted.");
            case MAX_DURATION -> relays.end(id.toString(), RelayEnd.Reason.MAX_DURATION, 1001,
                    "The session reached its maximum duration.");
            case SERVER_SHUTDOWN, INTERRUPTED -> relays.end(id.toString(), RelayEnd.Reason.SERVER_SHUTDOWN, 1001,
                    "The server is shutting down.");
            case IDLE_TIMEOUT -> relays.end(id.toString(), RelayEnd.Reason.IDLE_TIMEOUT, 1000, "The session was idle.");
            case UPSTREAM_ERROR -> relays.end(id.toString(), RelayEnd.Reason.UPSTREAM_ERROR, 1011,
                    "The voice provider failed.");
            case ENDED_BY_USER, CLIENT_CLOSED, UPSTREAM_CLOSED, SLOW_CLIENT -> relays.end(id.toString(), RelayEnd.Reason.ENDED_BY_USER,
                    1000, "The session was ended.");
        }
    }
}
