package io.voicegate.core.realtime;

/**
 * Closes the live relay of one session, when something other than the relay ended it (consent withdrawn, erasure,
 * quota exhausted, the sweeper). Thread-safe; returns at once without waiting for the relay to finish closing; a
 * session without a relay in this process is ignored.
 */
@FunctionalInterface
public interface LiveRelays {

    /** No relays run here (embedders without a relay, or tests). */
    LiveRelays NONE = (sessionRef, reason, closeCode, detail) -> false;

    /** @return true when a running relay was told to end */
    boolean end(String sessionRef, RelayEnd.Reason reason, int closeCode, String detail);
}
