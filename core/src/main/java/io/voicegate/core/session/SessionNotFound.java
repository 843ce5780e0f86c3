package io.voicegate.core.session;

import io.voicegate.core.VoicegateException;

/**
 * No session with that id belongs to the caller: it does not exist, the id is malformed, or it is someone else's.
 * The three cases answer the same, so the answer never hints that another user's session exists.
 */
public final class SessionNotFound extends VoicegateException {

    public SessionNotFound() {
        super("No such session.");
    }

    @Override
    public String code() {
        return "session_not_found";
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
