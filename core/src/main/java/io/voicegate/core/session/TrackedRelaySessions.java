package io.voicegate.core.session;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayObserver;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.realtime.RelayUsage;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.RecordUsage;
import io.voicegate.core.usage.Usage;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives every relay a recorded session: consent and quotas are checked before the WebSocket is accepted (a refusal
 * answers 403 {@code consent_required} or 429), the session is stored CREATED (keeping transcript text only with
 * {@code transcript_storage} consent), becomes ACTIVE when the upstream connects, keeps each finished turn and each usage
 * report as it happens, and ends with the relay's reason. The observer writes synchronously on the relay's thread
 * (one short statement per event).
 */
public final class TrackedRelaySessions implements RelaySessions {

    /** How long a relay may take to reach its upstream before the sweeper expires its session. */
    static final Duration CONNECT_WINDOW = Duration.ofMinutes(2);
    private static final RequestContext RELAY = RequestContext.system("relay");

    private final SessionStore sessions;
    private final SessionAdmission admission;
    private final RecordTurn recordTurn;
    private final RecordUsage recordUsage;
    private final CloseSession close;
    private final AuditTrail audit;
    private final Clock clock;
    private final IdGenerator ids;

    public TrackedRelaySessions(SessionStore sessions, QuotaGuard quotas, ConsentGate consents, RecordTurn recordTurn,
                                RecordUsage recordUsage, CloseSession close, AuditTrail audit, Clock clock,
                                IdGenerator ids) {
        this.sessions = sessions;
        this.admission = new SessionAdmission(consents, quotas, audit);
        this.recordTurn = recordTurn;
        this.recordUsage = recordUsage;
        this.close = close;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws io.voicegate.core.consent.ConsentRequired before anything is stored, without current voice-processing
     *                                                   consent
     * @throws io.voicegate.core.usage.QuotaExceeded     before anything is stored, when a quota leaves no room
     */
    @Override
    public RelaySession start(Principal caller, String provider, String model) {
        var now = clock.instant();
        var consent = admission.admit(caller.user(), now, RELAY);
        var session = VoiceSession.created(new SessionId(ids.next()), caller.user(), provider, ConnectionMode.RELAY,
                Optional.ofNullable(model).filter(m -> !m.isBlank()), Optional.empty(), "{}", now,
                now.plus(CONNECT_WINDOW)).withTranscriptStored(consent.storeTranscripts());
        sessions.insert(session);
        audit.userAction(caller.user(), "session.create", "voice_session", session.id().toString(), Outcome.SUCCESS, RELAY);
        return new RelaySession(session.id().toString(), new Observer(session.id()));
    }

    /**
     * The observer for a session recorded elsewhere (e.g. a WebRTC call whose sideband the relay attaches to): it
     * starts the session when the upstream connects, records turns and usage, and ends it with the relay's reason.
     */
    public RelayObserver observe(SessionId session) {
        return new Observer(session);
    }

    /**
     * Continues the caller's CREATED relay session (the upgrade connects it; the observer starts it).
     *
     * @throws SessionNotFound       when the id names no session of the caller (audited as denied)
     * @throws SessionConflict       when it is not a relay session of this provider, is over, or its window passed
     * @throws InvalidSessionRequest when the model differs from the session's
     */
    @Override
    public RelaySession resume(Principal caller, String provider, String model, String sessionId) {
        var id = SessionId.parse(sessionId).orElse(null);
        var session = id == null ? null : sessions.find(id).filter(s -> s.isOwnedBy(caller.user())).orElse(null);
        if (session == null) {
            audit.userAction(caller.user(), "session.start", "voice_session", id == null ? null : id.toString(),
                    Outcome.DENIED, RELAY);
            throw new SessionNotFound();
        }
        if (!session.provider().equals(provider) || session.mode() != ConnectionMode.RELAY) {
            throw new SessionConflict(session.status(), "The session was not created for this relay.");
        }
        if (session.status() != SessionStatus.CREATED) {
            throw new SessionConflict(session.status(), "The session is " + session.status().wire()
                    + " and cannot connect again; create a new session.");
        }
        if (session.isExpiredAt(clock.instant())) {
            throw new SessionConflict(session.status(), "The session was not connected in time; create a new session.");
        }
        if (session.model().filter(m -> !m.equals(model)).isPresent()) {
            throw InvalidSessionRequest.parameter("model", "The model must be the session's model, '"
                    + session.model().get() + "'.");
        }
        return new RelaySession(session.id().toString(), new Observer(session.id()));
    }

    /** Records what the relay reports; the transcript it kept (or dropped for lack of consent) is audited at the end. */
    private final class Observer implements RelayObserver {

        private final SessionId id;
        private final AtomicInteger storedTurns = new AtomicInteger();
        private final AtomicInteger droppedTurns = new AtomicInteger();

        Observer(SessionId id) {
            this.id = id;
        }

        @Override
        public void connected() {
            var current = sessions.find(id).orElseThrow();
            var started = current.start(clock.instant());
            if (!started.equals(current)) sessions.update(started, current.status());
        }

        @Override
        public void turn(FrameMeaning.TranscriptTurn turn) {
            var now = clock.instant();
            var role = turn.speaker() == FrameMeaning.Speaker.USER ? TurnRole.USER : TurnRole.ASSISTANT;
            (recordTurn.handle(new Turn(id, turn.itemId(), role, turn.text(), now, now)) ? storedTurns : droppedTurns)
                    .incrementAndGet();
        }

        @Override
        public void usage(RelayUsage usage) {
            recordUsage.handle(new RecordUsage.Command(id, Optional.of(usage.model()).filter(m -> !m.isEmpty()),
                    new Usage(usage.audioMillisIn() / 1000.0, usage.audioMillisOut() / 1000.0, usage.textTokensIn(),
                            usage.textTokensOut(), usage.audioTokensIn(), usage.audioTokensOut(), 0)));
        }

        @Override
        public void ended(RelayEnd end) {
            var reason = EndReason.parse(end.reason().code()).orElse(EndReason.CLIENT_CLOSED);
            close.handle(id, reason, RELAY).ifPresent(this::auditTranscript);
        }

        /** Turns that were not stored are replays, or (without transcript-storage consent) every turn. */
        private void auditTranscript(VoiceSession session) {
            int notStored = session.transcriptStored() ? 0 : droppedTurns.get();
            if (storedTurns.get() + notStored == 0) return;
            audit.actionOn(AuditTrail.SYSTEM, session.owner(), "transcript.record", "transcript", id.toString(),
                    Outcome.SUCCESS, RELAY, "stored=" + storedTurns.get() + " not_stored=" + notStored);
        }
    }
}
