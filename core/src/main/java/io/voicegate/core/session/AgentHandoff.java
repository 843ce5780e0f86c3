package io.voicegate.core.session;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ClientCredential;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session hands to the provider's agent, and how the agent's later calls find the session again: a fresh
 * {@link SessionRef} (never the session id) plus the minimal facts about the user the operator allows, as
 * variables; once the session is stored, the reference is bound to it and the provider's conversation id, when the
 * credential names one, is linked (and a listener told, so reports that arrived early can be matched).
 */
public final class AgentHandoff {

    /** The variable that carries the session reference. */
    public static final String SESSION_REF = "voicegate_session_ref";

    /** The minimal facts about a user an agent may learn, by variable name; never an email unless policy lists it. */
    @FunctionalInterface
    public interface UserVariables {
        Map<String, String> of(UserId user);
    }

    /** Told when a session learned its provider conversation id. */
    @FunctionalInterface
    public interface ConversationLinked {
        void linked(String provider, String conversationId, SessionRef ref);
    }

    /** The reference and variables of one session about to be minted. */
    public record Prepared(SessionRef ref, Map<String, String> variables) {
        public Prepared {
            Objects.requireNonNull(ref, "ref");
            variables = Map.copyOf(variables);
        }
    }

    private final SessionRefGenerator generator;
    private final SessionRefs refs;
    private final UserVariables userVariables;
    private final ConversationLinked listener;

    public AgentHandoff(SessionRefGenerator generator, SessionRefs refs, UserVariables userVariables,
                        ConversationLinked listener) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.refs = Objects.requireNonNull(refs, "refs");
        this.userVariables = Objects.requireNonNull(userVariables, "userVariables");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public Prepared prepare(UserId user) {
        return withUserVariables(generator.next(), user);
    }

    /**
     * The reference and variables of a stored session, for a relay that hands them to the agent itself: the
     * reference bound at creation and the owner's variables as they are now. Empty when the session was never given
     * a reference (it was not created through this handoff).
     */
    public Optional<Prepared> recall(VoiceSession session) {
        return refs.refOf(session.id().value()).map(ref -> withUserVariables(ref, session.owner()));
    }

    /** Binds the reference to the stored session and links the conversation id the credential names, if any. */
    public void bind(Prepared prepared, VoiceSession session, ClientCredential credential) {
        refs.assign(prepared.ref(), new SessionRefs.Target(session.id().value(), session.owner()));
        if (credential.extra().get(ClientCredential.CONVERSATION_ID) instanceof String conversationId
                && !conversationId.isBlank()) {
            linkConversation(session, prepared.ref(), conversationId);
        }
    }

    private Prepared withUserVariables(SessionRef ref, UserId user) {
        var variables = new LinkedHashMap<String, String>(userVariables.of(user));
        variables.put(SESSION_REF, ref.value());
        return new Prepared(ref, variables);
    }

    /** The session learned its conversation id later (e.g. from the relay's initiation metadata). */
    public void linkConversation(VoiceSession session, SessionRef ref, String conversationId) {
        if (refs.linkConversation(session.id().value(), conversationId)) {
            listener.linked(session.provider(), conversationId, ref);
        }
    }
}
