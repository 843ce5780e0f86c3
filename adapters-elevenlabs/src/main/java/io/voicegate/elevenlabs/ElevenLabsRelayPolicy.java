package io.voicegate.elevenlabs;

import io.voicegate.core.realtime.SessionPolicy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Voicegate's rule for one ElevenLabs relay: the agent gets Voicegate's dynamic variables (the session reference and
 * the user facts the operator allows) whatever the client sends. The client's {@code conversation_initiation_client_data}
 * gets them set over any of the same name (its other fields and variables pass unchanged); a client whose first frame
 * is anything else gets an initiation carrying only these variables sent for it first, since the protocol wants the
 * initiation before any other frame. The override is silent: the protocol's only notice, an {@code error} event, comes
 * before a close, and official clients treat it as the end of the conversation. Thread-safe for the relay it serves.
 */
final class ElevenLabsRelayPolicy implements SessionPolicy {

    static final String INITIATION = "conversation_initiation_client_data";

    private final ElevenLabsEventReader frames = new ElevenLabsEventReader();
    private final Map<String, String> variables;
    private final AtomicBoolean initiated = new AtomicBoolean();

    ElevenLabsRelayPolicy(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    /** True until the first client frame went upstream (every frame until then is reviewed). */
    boolean awaitingInitiation() {
        return !initiated.get();
    }

    /** Nothing at open: the initiation must carry the client's own overrides, so it waits for the client's first frame. */
    @Override
    public List<String> openingFrames() {
        return List.of();
    }

    @Override
    public Decision review(String frame) {
        boolean first = initiated.compareAndSet(false, true);
        if (INITIATION.equals(frames.clientType(frame))) return Decision.forward(frames.enforceDynamicVariables(frame, variables));
        if (first) return new Decision(List.of(frames.enforceDynamicVariables(frame, variables), frame), List.of());
        return Decision.forward(frame);
    }
}
