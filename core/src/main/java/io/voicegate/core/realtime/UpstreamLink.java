package io.voicegate.core.realtime;

import java.util.concurrent.CompletionStage;

/**
 * The provider's end of a relay: an open realtime connection to OpenAI, Gemini Live, ElevenLabs, ...
 *
 * <p>Thread-safe: {@link #send} may be called from several threads and sends frames in call order. The returned stage
 * completes when the frame was handed to the network and completes exceptionally when the link is broken.
 * {@link #close} is idempotent and never throws.
 */
public interface UpstreamLink {

    /** Sends one text frame exactly as given (no re-encoding). */
    CompletionStage<Void> send(String frame);

    void close(int code, String reason);
}
