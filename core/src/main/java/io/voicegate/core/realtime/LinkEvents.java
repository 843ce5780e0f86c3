package io.voicegate.core.realtime;

import java.util.concurrent.CompletionStage;

/**
 * What one end of a relay tells the bridge. Adapters call these from their I/O threads, one frame at a time per link.
 *
 * <p>{@link #onFrame} returns a stage that completes when the bridge is ready for the next frame from this link; an
 * adapter that can pause reading (e.g. {@code java.net.http.WebSocket#request}) waits for it, which propagates the
 * other side's backpressure. Never null.
 */
public interface LinkEvents {

    CompletionStage<Void> onFrame(String frame);

    /** The peer closed the link with this code and reason. */
    void onClosed(int code, String reason);

    /** The link broke (network failure, protocol error). */
    void onFailed(Throwable cause);
}
