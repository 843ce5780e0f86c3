package io.voicegate.core.tools;

import io.voicegate.core.identity.UserId;

import java.util.Objects;
import java.util.UUID;

/**
 * One request of an agent to run a tool, for a known session and user.
 *
 * @param arguments the parameters as the provider sent them, JSON object text; handlers parse what they need
 */
public record ToolCall(String tool, UUID sessionId, UserId user, String arguments) {

    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(arguments, "arguments");
    }
}
