package io.voicegate.core.session;

import io.voicegate.core.VoicegateException;

/** A session reference that points at no session (never issued, or its session was erased): 404. */
public final class UnknownSessionRef extends VoicegateException {

    public UnknownSessionRef() {
        super("No session matches this session reference.");
    }

    @Override
    public String code() {
        return "unknown_session_ref";
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
