package io.voicegate.core.postcall;

import io.voicegate.core.session.SessionRef;

import java.time.Instant;
import java.util.List;

/**
 * The record of webhook events already processed (so a replay changes nothing) and of those kept until their
 * session is known. Thread-safe; {@link #claim} is atomic across instances sharing the store. Storage failures throw
 * unchecked exceptions.
 */
public interface WebhookEvents {

    /** Marks the event as being processed; false when it already was (a replay or a concurrent duplicate). */
    boolean claim(String eventKey, Instant at);

    /** Undoes a claim whose processing failed, so a redelivery is processed. */
    void release(String eventKey);

    /** Keeps an event no session matched yet. Keeping the same key twice keeps it once. */
    void keepUnmatched(UnmatchedWebhook event);

    /** Kept events of this provider's conversation, oldest first. */
    List<UnmatchedWebhook> unmatchedByConversation(String provider, String conversationId);

    /** Kept events that echoed this session reference, oldest first. */
    List<UnmatchedWebhook> unmatchedBySessionRef(SessionRef ref);

    /** Forgets a kept event once it has been matched (its claim stays). */
    void discardUnmatched(String eventKey);

    /** Forgets claims made before {@code cutoff}; returns how many. */
    int forgetClaimsBefore(Instant cutoff);

    /** Deletes kept events received before {@code cutoff} (retention); returns how many. */
    int discardUnmatchedBefore(Instant cutoff);
}
