package io.voicegate.core.tools;

import java.util.List;
import java.util.Objects;

/**
 * What a tool answers: JSON text the model reads (kept small and speakable), whether it is an error, and the names
 * of the facts about the user it disclosed (for the audit trail; names only, never values).
 */
public record ToolResult(String json, boolean error, List<String> disclosed) {

    public ToolResult {
        Objects.requireNonNull(json, "json");
        disclosed = List.copyOf(disclosed);
    }

    public static ToolResult ok(String json, List<String> disclosed) {
        return new ToolResult(json, false, disclosed);
    }

    /** An error the agent can speak about: {@code {"error":"<message>"}}; the message must be client-safe. */
    public static ToolResult error(String message) {
        return new ToolResult("{\"error\":" + JsonText.quote(message) + "}", true, List.of());
    }
}
