package io.voicegate.core.tools;

/**
 * Answers one call of a tool. Implementations must be thread-safe (calls of several sessions run at once).
 *
 * <p>Returns the output for the model, usually JSON text. A failure the model may hear about is a {@link ToolFailed}
 * with a client-safe message; any other exception is reported to the model as a generic failure.
 */
@FunctionalInterface
public interface ToolHandler {

    String handle(ToolCall call);
}
