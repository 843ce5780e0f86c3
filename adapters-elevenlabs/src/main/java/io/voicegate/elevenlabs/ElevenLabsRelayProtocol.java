package io.voicegate.elevenlabs;

import io.voicegate.core.realtime.RelayProtocol;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The ElevenLabs conversation protocol parts of one relay. Client tool calls are left to the client (the bridge runs
 * no tools for ElevenLabs: the agent's server tools call Voicegate over HTTP instead).
 */
public final class ElevenLabsRelayProtocol {

    private ElevenLabsRelayProtocol() {
    }

    /**
     * @param variables           the dynamic variables Voicegate sets in the conversation initiation, over the client's
     * @param conversationStarted told the conversation id ElevenLabs assigned, once it is known
     */
    public static RelayProtocol of(Map<String, String> variables, Consumer<String> conversationStarted) {
        var policy = new ElevenLabsRelayPolicy(variables);
        return new RelayProtocol(new ElevenLabsRelayReader(policy, conversationStarted), policy, new ElevenLabsToolReplies());
    }
}
