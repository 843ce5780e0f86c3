package io.voicegate.openai;

import io.voicegate.core.realtime.RelayProtocol;

/** The OpenAI Realtime protocol parts of a relay for one model under the operator's policy. */
public final class OpenAiRelayProtocol {

    private OpenAiRelayProtocol() {
    }

    public static RelayProtocol of(OpenAiRealtimePolicy policy, String model) {
        return new RelayProtocol(new OpenAiEventReader(model, policy.transcriptionModel()), new OpenAiSessionPolicy(policy, model), new OpenAiToolReplies());
    }
}
