package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.List;

/** The owner reads the transcript of their session, in order. */
public final class GetTranscript {

    public record Query(UserId user, SessionId session, RequestContext request) {
    }

    public record Transcript(VoiceSession session, List<Turn> turns) {
        public Transcript {
            turns = List.copyOf(turns);
        }
    }

    private final OwnedSessions owned;
    private final TranscriptStore transcripts;
    private final AuditTrail audit;

    public GetTranscript(SessionStore sessions, TranscriptStore transcripts, AuditTrail audit) {
        this.owned = new OwnedSessions(sessions, audit);
        this.transcripts = transcripts;
        this.audit = audit;
    }

    public Transcript handle(Query query) {
        var session = owned.require(query.user(), query.session(), "transcript.read", query.request());
        var turns = transcripts.turns(session.id());
        audit.userAction(query.user(), "transcript.read", "transcript", session.id().toString(), Outcome.SUCCESS,
                query.request());
        return new Transcript(session, turns);
    }
}
