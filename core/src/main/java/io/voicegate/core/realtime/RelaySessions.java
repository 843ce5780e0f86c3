package io.voicegate.core.realtime;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.identity.Principal;

import java.util.Objects;

/**
 * Starts the Voicegate session a relay belongs to, before the client's WebSocket is accepted: the place for quota,
 * consent and concurrency checks (a refusal is a {@link io.voicegate.core.VoicegateException}, answered before the
 * upgrade) and for the observer that records turns, usage and the end. Thread-safe.
 */
@FunctionalInterface
public interface RelaySessions {

    RelaySession start(Principal caller, String provider, String model);

    /**
     * Continues a session created earlier for a relay (e.g. by {@code POST /api/v1/sessions}), for its owner only.
     * This default keeps no sessions, so it knows none.
     *
     * @throws io.voicegate.core.session.SessionNotFound when there is no such session of this caller
     * @throws io.voicegate.core.VoicegateException      when the session cannot connect (over, expired, another model)
     */
    default RelaySession resume(Principal caller, String provider, String model, String sessionId) {
        throw new io.voicegate.core.session.SessionNotFound();
    }

    /** The session a relay runs in: the opaque reference tools receive, and who hears what happens. */
    record RelaySession(String sessionRef, RelayObserver observer) {
        public RelaySession {
            Objects.requireNonNull(sessionRef, "sessionRef");
            Objects.requireNonNull(observer, "observer");
        }
    }

    /** Records nothing: every relay gets a fresh reference and a silent observer (until sessions are wired). */
    static RelaySessions untracked(IdGenerator ids) {
        return (caller, provider, model) -> new RelaySession(ids.next().toString(), end -> { });
    }
}
