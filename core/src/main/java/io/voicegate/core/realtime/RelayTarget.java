package io.voicegate.core.realtime;

import java.util.Objects;

/** Where a relay goes: the provider's upstream opener and the protocol parts to read and police its frames. */
public record RelayTarget(RealtimeUpstream upstream, RelayProtocol protocol) {

    public RelayTarget {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(protocol, "protocol");
    }
}
