package io.voicegate.elevenlabs;

import io.voicegate.core.postcall.Speaker;
import io.voicegate.core.realtime.EventReader;
import io.voicegate.core.realtime.FrameMeaning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the frames of one ElevenLabs relay mean: {@code user_transcript} and {@code agent_response} are transcript
 * turns (keyed by their event id), a {@code ping} is answered by the relay with its pong at once (and the client's own
 * pongs are withheld, so ElevenLabs hears one answer per ping), an {@code error} event is a provider error, and the
 * client's initiation (or whatever comes first) goes to the {@link ElevenLabsRelayPolicy}. The conversation id of the
 * initiation metadata is passed to a listener once. Audio chunks are never parsed. Safe for the one relay it serves.
 */
final class ElevenLabsRelayReader implements EventReader {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenLabsRelayReader.class);
    private static final FrameMeaning CONFIGURATION = new FrameMeaning.SessionConfiguration();
    private static final FrameMeaning WITHHELD = new FrameMeaning.Withheld();

    private final ElevenLabsEventReader frames = new ElevenLabsEventReader();
    private final ElevenLabsRelayPolicy policy;
    private final Consumer<String> conversationStarted;

    ElevenLabsRelayReader(ElevenLabsRelayPolicy policy, Consumer<String> conversationStarted) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.conversationStarted = Objects.requireNonNull(conversationStarted, "conversationStarted");
    }

    @Override
    public FrameMeaning fromClient(String frame) {
        if (policy.awaitingInitiation()) return CONFIGURATION;
        if (frame.startsWith("{\"user_audio_chunk\"")) return FrameMeaning.NOTHING;
        var type = frames.clientType(frame);
        if (type.equals("pong")) return WITHHELD;
        if (type.equals(ElevenLabsRelayPolicy.INITIATION)) return CONFIGURATION;
        return FrameMeaning.NOTHING;
    }

    @Override
    public FrameMeaning fromUpstream(String frame) {
        if (frame.startsWith("{\"type\":\"audio\"")) return FrameMeaning.NOTHING;
        var reading = frames.read(frame);
        if (reading instanceof ElevenLabsEventReader.Turn turn) {
            var user = turn.speaker() == Speaker.USER;
            return new FrameMeaning.TranscriptTurn(user ? FrameMeaning.Speaker.USER : FrameMeaning.Speaker.ASSISTANT,
                    turn.text(), (user ? "user_transcript:" : "agent_response:") + turn.eventId());
        }
        if (reading instanceof ElevenLabsEventReader.Ping ping) return new FrameMeaning.Reply(ping.pong());
        if (reading instanceof ElevenLabsEventReader.Failure failure) {
            return new FrameMeaning.ProviderError(failure.errorType(), failure.message());
        }
        if (reading instanceof ElevenLabsEventReader.Started started && !started.conversationId().isEmpty()) {
            try {
                conversationStarted.accept(started.conversationId());
            } catch (RuntimeException e) {
                LOG.warn("Could not record the ElevenLabs conversation id of a relay: {}", e.getClass().getSimpleName());
            }
        }
        return FrameMeaning.NOTHING;
    }
}
