package io.voicegate.core.postcall;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.TranscriptStore;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsageRecord;
import io.voicegate.core.usage.UsageStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link PostCallSink} over Voicegate's own stores: finds the session by conversation id or echoed reference
 * (linking the conversation id it learns), stores the reported turns (when the session keeps transcripts and no relay
 * recorded them live), the call's
 * duration as usage and its cost, keeps audio, and ends the session (FAILED for a call that never started). Every
 * write is idempotent, so a redelivered or re-matched event changes nothing; each delivery is audited.
 */
public final class RecordPostCall implements PostCallSink {

    static final String ACTION = "webhook.ingest";
    private static final RequestContext CONTEXT = RequestContext.system("post-call-webhook");

    private final SessionStore sessions;
    private final TranscriptStore transcripts;
    private final UsageStore usage;
    private final SessionRefs refs;
    private final CallRecords calls;
    private final AuditTrail audit;

    public RecordPostCall(SessionStore sessions, TranscriptStore transcripts, UsageStore usage, SessionRefs refs,
                          CallRecords calls, AuditTrail audit) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.refs = Objects.requireNonNull(refs, "refs");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Delivery recordPostCall(PostCallEvent.OfCall event) {
        var session = sessionOf(event.call());
        if (session.isEmpty()) return Delivery.NO_MATCHING_SESSION;
        var s = session.get();
        String detail;
        if (event instanceof PostCallEvent.Report report) {
            detail = report(s, report);
        } else if (event instanceof PostCallEvent.Audio audio) {
            calls.keepAudio(s.id(), audio.mediaType(), audio.bytes(), audio.occurredAt());
            detail = "type=audio; bytes=" + audio.bytes().length;
        } else {
            var failure = (PostCallEvent.InitiationFailure) event;
            end(s, EndReason.CALL_INITIATION_FAILED, failure.occurredAt());
            var reason = failure.reason().replaceAll("[^A-Za-z0-9_ -]", "");
            detail = "type=call_initiation_failure; reason=" + reason.substring(0, Math.min(64, reason.length()));
        }
        audit.actionOn("provider:" + event.provider(), s.owner(), ACTION, "voice_session", s.id().toString(),
                Outcome.SUCCESS, CONTEXT, detail);
        return Delivery.RECORDED;
    }

    private String report(VoiceSession s, PostCallEvent.Report report) {
        var start = report.startedAt().orElse(s.startedAt().orElse(s.createdAt()));
        int stored = 0;
        var prefix = report.call().provider() + ":" + report.call().conversationId() + ":";
        boolean live = recordedLive(s, prefix);
        if (s.transcriptStored() && !live) {
            var turns = new ArrayList<Turn>();
            var lines = report.turns();
            for (int i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                var said = start.plus(line.offset());
                var until = i + 1 < lines.size() && !lines.get(i + 1).offset().minus(line.offset()).isNegative()
                        ? start.plus(lines.get(i + 1).offset()) : said;
                turns.add(new Turn(s.id(), prefix + i,
                        line.speaker() == Speaker.USER ? TurnRole.USER : TurnRole.ASSISTANT, line.text(), said, until));
            }
            stored = transcripts.appendAll(turns);
        }
        report.duration().ifPresent(duration -> recordDuration(s, report, duration.toMillis() / 1000.0));
        report.cost().ifPresent(cost -> calls.recordCost(s.id(), cost));
        var endedAt = report.duration().map(start::plus).orElse(report.occurredAt());
        end(s, EndReason.UPSTREAM_CLOSED, endedAt);
        return "type=report; turns=" + stored + (!s.transcriptStored() ? " (transcript not stored)"
                : live ? " (recorded live)" : "");
    }

    /**
     * Whether a relay recorded the session's turns as they happened (turns not from a report): then the report's
     * copy of the same conversation is not stored again, so the transcript does not say everything twice.
     */
    private boolean recordedLive(VoiceSession s, String reportPrefix) {
        return transcripts.turns(s.id()).stream().anyMatch(t -> !t.itemId().startsWith(reportPrefix));
    }

    /** The call's connected time as audio in, once per call (a name-based id makes a second delivery a no-op). */
    private void recordDuration(VoiceSession s, PostCallEvent.Report report, double seconds) {
        var id = UUID.nameUUIDFromBytes(report.eventKey().getBytes(StandardCharsets.UTF_8));
        if (usage.forSession(s.id()).stream().anyMatch(r -> r.id().equals(id))) return;
        usage.append(new UsageRecord(id, s.id(), s.owner(), s.provider(), s.model().orElse(""), report.occurredAt(),
                new Usage(seconds, 0, 0, 0, 0, 0, 0)));
    }

    /** Ends the session unless it is over already; retries when another writer changed it in between. */
    private void end(VoiceSession session, EndReason reason, Instant at) {
        var current = session;
        for (int attempt = 0; attempt < 5 && !current.status().isTerminal(); attempt++) {
            if (sessions.update(current.end(reason, at), current.status())) return;
            current = sessions.find(current.id()).orElse(null);
            if (current == null) return;
        }
    }

    private Optional<VoiceSession> sessionOf(CallRef call) {
        var byConversation = refs.findByConversation(call.provider(), call.conversationId());
        if (byConversation.isPresent()) return sessions.find(new SessionId(byConversation.get().sessionId()));
        var byRef = call.sessionRef().flatMap(refs::find);
        if (byRef.isEmpty()) return Optional.empty();
        refs.linkConversation(byRef.get().sessionId(), call.conversationId());
        return sessions.find(new SessionId(byRef.get().sessionId()));
    }
}
