package io.voicegate.core.realtime;

import java.util.concurrent.CompletionStage;

/**
 * Opens the provider's realtime connection for one relay, delivering what arrives on it to {@code events}.
 * The stage fails with a {@link io.voicegate.core.VoicegateException} whose message is client-safe when the provider
 * refuses or cannot be reached.
 */
@FunctionalInterface
public interface RealtimeUpstream {

    CompletionStage<UpstreamLink> open(LinkEvents events);
}
