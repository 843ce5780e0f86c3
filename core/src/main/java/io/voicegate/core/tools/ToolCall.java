package io.voicegate.core.tools;

import java.util.Objects;

/**
 * One call of a tool by the model: the provider's call id, the tool's name, its arguments as JSON text, and the
 * opaque reference of the Voicegate session it happened in (so a handler can find the session and its user).
 */
public record ToolCall(String callId, String name, String arguments, String sessionRef) {

    public ToolCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(sessionRef, "sessionRef");
    }
}
