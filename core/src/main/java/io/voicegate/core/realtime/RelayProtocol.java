package io.voicegate.core.realtime;

import java.util.Objects;

/** The provider-specific parts a relay needs: how to read frames, the session policy, how to answer tool calls. */
public record RelayProtocol(EventReader reader, SessionPolicy policy, ToolReplies toolReplies) {

    public RelayProtocol {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(toolReplies, "toolReplies");
    }
}
