package io.voicegate.core.session;

import java.util.List;

/**
 * Where transcript turns are kept. Thread-safe. Appends are idempotent on (session, item id): a turn whose item id
 * the session already has is skipped, never stored twice and never an error. Storage failures throw unchecked
 * exceptions.
 */
public interface TranscriptStore {

    /** Stores the turn unless its (session, item id) is already there; true when it was stored. */
    boolean append(Turn turn);

    /**
     * Stores every turn whose (session, item id) is not there yet, all or nothing (one transaction); returns how
     * many were stored.
     */
    int appendAll(List<Turn> turns);

    /** The session's turns in order (start time, then end time, then item id). */
    List<Turn> turns(SessionId session);
}
