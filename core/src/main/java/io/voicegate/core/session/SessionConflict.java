package io.voicegate.core.session;

import io.voicegate.core.VoicegateException;

import java.util.Map;

/** The session is not in a state that allows what was asked (start an ended session, ...): 409. */
public final class SessionConflict extends VoicegateException {

    private final SessionStatus status;

    public SessionConflict(SessionStatus status, String message) {
        super(message);
        this.status = status;
    }

    @Override
    public String code() {
        return "session_conflict";
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("session_status", status.wire());
    }
}
