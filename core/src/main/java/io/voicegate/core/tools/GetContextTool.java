package io.voicegate.core.tools;

import java.util.Objects;

/**
 * The built-in {@code get_context} tool: answers with the minimal user context a {@link ContextProvider} gives, so
 * an agent can greet the caller by name in their language without ever seeing an email or an id.
 */
public final class GetContextTool {

    public static final String NAME = "get_context";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":true}";

    private GetContextTool() {
    }

    public static Tool create(ContextProvider context) {
        Objects.requireNonNull(context, "context");
        return new Tool(NAME, "Minimal context about the caller: display name, locale and how many earlier sessions "
                + "they had. Call it once at the start of a conversation.", SCHEMA, call -> {
                    var facts = context.contextOf(call.user());
                    return ToolResult.ok(facts.toJson(), facts.names());
                });
    }
}
