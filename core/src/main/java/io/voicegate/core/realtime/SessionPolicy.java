package io.voicegate.core.realtime;

import java.util.List;
import java.util.Objects;

/**
 * The operator's rules for one relay, in the provider's protocol: the frames that configure a new upstream session
 * (server instructions, voice, tools), and what becomes of a client's request to reconfigure it (locked fields are
 * overwritten and the client is told, never silently passed through). Thread-safe for the relay it serves.
 */
public interface SessionPolicy {

    /** Frames sent upstream as soon as it is open, before any client frame. */
    List<String> openingFrames();

    /** Reviews a frame the reader called {@link FrameMeaning.SessionConfiguration}. */
    Decision review(String frame);

    /** Frames to send upstream instead of the client's, and frames (e.g. error events) to send back to the client. */
    record Decision(List<String> toUpstream, List<String> toClient) {
        public Decision {
            toUpstream = List.copyOf(Objects.requireNonNull(toUpstream, "toUpstream"));
            toClient = List.copyOf(Objects.requireNonNull(toClient, "toClient"));
        }

        public static Decision forward(String frame) {
            return new Decision(List.of(frame), List.of());
        }
    }

    /** No rules: nothing sent at open, every frame forwarded as it came. */
    static SessionPolicy none() {
        return new SessionPolicy() {
            @Override
            public List<String> openingFrames() {
                return List.of();
            }

            @Override
            public Decision review(String frame) {
                return Decision.forward(frame);
            }
        };
    }
}
