package io.voicegate.core.postcall;

/**
 * Where post-call events land: the session they are about, matched by conversation id or by the echoed session
 * reference. A report stores the transcript, duration and cost and ends the session; an initiation failure fails it
 * with the reason; audio is kept with the session. Thread-safe; storage failures throw unchecked exceptions (the
 * event is then not counted as processed, so a redelivery can succeed).
 */
@FunctionalInterface
public interface PostCallSink {

    /** What became of an event. */
    enum Delivery { RECORDED, NO_MATCHING_SESSION }

    Delivery recordPostCall(PostCallEvent.OfCall event);
}
