package io.voicegate.core.tools;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.VoiceSession;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The built-in {@code get_context} tool: answers with the minimal user context a {@link ContextProvider} gives for
 * the session's user, so an agent can greet the caller by name in their language without ever seeing an email or id.
 */
public final class GetContextTool {

    public static final String NAME = "get_context";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":true}";

    private GetContextTool() {
    }

    /** For agents that call back over HTTP with the session's opaque {@link SessionRef}. */
    public static Tool create(ContextProvider context, SessionRefs refs) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(refs, "refs");
        return tool(context, ref -> SessionRef.parse(ref).flatMap(refs::find).map(SessionRefs.Target::user));
    }

    /**
     * For relays, where Voicegate itself runs the tool and the call carries the Voicegate session id (it never
     * leaves the server, so it needs no opaque reference).
     */
    public static Tool forRelays(ContextProvider context, SessionStore sessions) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(sessions, "sessions");
        return tool(context, ref -> SessionId.parse(ref).flatMap(sessions::find).map(VoiceSession::owner));
    }

    private static Tool tool(ContextProvider context, Function<String, Optional<UserId>> ownerOf) {
        return new Tool(NAME, "Minimal context about the caller: display name, locale and how many earlier sessions "
                + "they had. Call it once at the start of a conversation.", SCHEMA, call -> {
                    var user = ownerOf.apply(call.sessionRef())
                            .orElseThrow(() -> new ToolFailed("This conversation is not linked to a known session."));
                    return context.contextOf(user).toJson();
                });
    }
}
