package io.voicegate.core.tools;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server-side function a voice agent may call: its name and description (what the model reads to decide), the
 * JSON schema of its parameters as text (passed to providers as it is), and the Java function that runs it.
 */
public record Tool(String name, String description, String parametersSchema, Handler handler) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Runs one call. May throw; the caller turns any failure into a speakable error, never a stack trace. */
    @FunctionalInterface
    public interface Handler {
        ToolResult run(ToolCall call);
    }

    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchema, "parametersSchema");
        Objects.requireNonNull(handler, "handler");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a tool name is 1-64 of A-Z a-z 0-9 _ -, was " + name);
        }
    }

    /** True when the text could name a tool (checked before any lookup, so odd input never reaches a registry). */
    public static boolean isValidName(String text) {
        return text != null && NAME.matcher(text).matches();
    }
}
