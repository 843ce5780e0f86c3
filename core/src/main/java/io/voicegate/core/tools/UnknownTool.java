package io.voicegate.core.tools;

import io.voicegate.core.VoicegateException;

/** No tool of that name is registered: 404. */
public final class UnknownTool extends VoicegateException {

    public UnknownTool() {
        super("No tool of that name is registered.");
    }

    @Override
    public String code() {
        return "unknown_tool";
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
