package io.voicegate.core.tools;

import java.util.Objects;

/** What a tool call gave: an answer, or a failure the model is told about. Read with {@code instanceof}. */
public sealed interface ToolResult {

    /** The text handed back to the model. */
    String output();

    /** The tool answered. */
    record Answered(String output) implements ToolResult {
        public Answered {
            Objects.requireNonNull(output, "output");
        }
    }

    /** The tool failed; {@code message} is client-safe. The model gets {@code {"error":"<message>"}}. */
    record Failed(String message) implements ToolResult {
        public Failed {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String output() {
            var escaped = new StringBuilder("{\"error\":\"");
            for (char c : message.toCharArray()) {
                switch (c) {
                    case '"' -> escaped.append("\\\"");
                    case '\\' -> escaped.append("\\\\");
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    case '\t' -> escaped.append("\\t");
                    default -> {
                        if (c < 0x20) escaped.append(String.format("\\u%04x", (int) c));
                        else escaped.append(c);
                    }
                }
            }
            return escaped.append("\"}").toString();
        }
    }
}
