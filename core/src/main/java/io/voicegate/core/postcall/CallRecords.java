package io.voicegate.core.postcall;

import io.voicegate.core.session.SessionId;

import java.time.Instant;

/**
 * What a provider's report adds to a session beyond its transcript and usage: the cost in the provider's unit and,
 * when the operator keeps it, the call audio. Both go with the session (export, erasure, retention). Thread-safe;
 * writing the same thing again replaces it. Storage failures throw unchecked exceptions.
 */
public interface CallRecords {

    void recordCost(SessionId session, Cost cost);

    void keepAudio(SessionId session, String mediaType, byte[] audio, Instant receivedAt);
}
