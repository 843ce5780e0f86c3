package io.voicegate.core.realtime;

import java.util.concurrent.CompletionStage;

/**
 * The client's end of a relay: a browser or app WebSocket, or a phone line's media stream.
 *
 * <p>Thread-safe: {@link #send} may be called from several threads and sends frames in call order. The returned stage
 * completes when the frame was handed to the network (the bridge counts unfinished sends for backpressure) and
 * completes exceptionally when the link is broken. {@link #close} is idempotent and never throws.
 */
public interface ClientLink {

    /** Sends one text frame exactly as given. */
    CompletionStage<Void> send(String frame);

    /** Closes with a WebSocket close code (e.g. 1000, 1001, 1011) and a client-safe reason of at most 123 bytes. */
    void close(int code, String reason);

    /**
     * No client: every frame is dropped at once. For a sideband, where the client's audio and events flow directly
     * between it and the provider and Voicegate only listens (transcripts, usage) and answers server-side tools.
     */
    static ClientLink discarding() {
        return new ClientLink() {
            private final CompletionStage<Void> done = java.util.concurrent.CompletableFuture.completedFuture(null);

            @Override
            public CompletionStage<Void> send(String frame) {
                return done;
            }

            @Override
            public void close(int code, String reason) {
            }
        };
    }
}
