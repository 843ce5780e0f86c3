package io.voicegate.core.tools;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server-side function the model may call: its name, what it does (read by the model), the JSON schema of its
 * parameters (as text, handed to the provider unchanged) and the handler that answers it.
 */
public record Tool(String name, String description, String parametersSchema, ToolHandler handler) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchema, "parametersSchema");
        Objects.requireNonNull(handler, "handler");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must be 1-64 letters, digits, '_' or '-', was " + name);
        }
        if (!parametersSchema.strip().startsWith("{")) {
            throw new IllegalArgumentException("parametersSchema of " + name + " must be a JSON object");
        }
    }

    @Override
    public String toString() {
        return "Tool[" + name + "]";
    }
}
