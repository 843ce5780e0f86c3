package io.voicegate.core.session;

/**
 * The relay stores a finished turn as it happens, so a crash loses at most the turn in flight. Idempotent on
 * (session, item id): a replayed turn is not stored twice. Turns of a session that does not keep transcripts, or of
 * an unknown session, are dropped.
 */
public final class RecordTurn {

    private final SessionStore sessions;
    private final TranscriptStore transcripts;

    public RecordTurn(SessionStore sessions, TranscriptStore transcripts) {
        this.sessions = sessions;
        this.transcripts = transcripts;
    }

    /** True when the turn was stored now; false when it was already there or is not to be kept. */
    public boolean handle(Turn turn) {
        var session = sessions.find(turn.session());
        if (session.isEmpty() || !session.get().transcriptStored()) return false;
        return transcripts.append(turn);
    }
}
