package io.voicegate.core.tools;

import io.voicegate.core.VoicegateException;

/** A tool could not answer; the message is client-safe and is what the model is told. */
public final class ToolFailed extends VoicegateException {

    public ToolFailed(String clientSafeMessage) {
        super(clientSafeMessage);
    }

    @Override
    public String code() {
        return "tool_failed";
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
