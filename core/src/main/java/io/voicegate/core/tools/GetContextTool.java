package io.voicegate.core.tools;

import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;

import java.util.Objects;

/**
 * The built-in {@code get_context} tool: answers with the minimal user context a {@link ContextProvider} gives for
 * the session's user, so an agent can greet the caller by name in their language without ever seeing an email or id.
 */
public final class GetContextTool {

    public static final String NAME = "get_context";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":true}";

    private GetContextTool() {
    }

    public static Tool create(ContextProvider context, SessionRefs refs) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(refs, "refs");
        return new Tool(NAME, "Minimal context about the caller: display name, locale and how many earlier sessions "
                + "they had. Call it once at the start of a conversation.", SCHEMA, call -> {
                    var target = SessionRef.parse(call.sessionRef()).flatMap(refs::find)
                            .orElseThrow(() -> new ToolFailed("This conversation is not linked to a known session."));
                    return context.contextOf(target.user()).toJson();
                });
    }
}
