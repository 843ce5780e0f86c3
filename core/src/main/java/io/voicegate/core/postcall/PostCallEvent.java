package io.voicegate.core.postcall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a provider reports about a call after it ended, provider-neutral. Read with {@code instanceof}. */
public sealed interface PostCallEvent permits PostCallEvent.OfCall, PostCallEvent.Unsupported {

    /** The provider's name, e.g. {@code elevenlabs}. */
    String provider();

    /**
     * The identity of the event for idempotency: the same report delivered twice has the same key. A call has at most
     * one event of each kind, so kind and conversation id suffice.
     */
    String eventKey();

    /** An event about one call, which a session can take. */
    sealed interface OfCall extends PostCallEvent permits Report, Audio, InitiationFailure {

        CallRef call();

        @Override
        default String provider() {
            return call().provider();
        }
    }

    /** The call's transcript and figures. */
    record Report(CallRef call, Instant occurredAt, String status, List<ReportedTurn> turns,
                  Optional<Instant> startedAt, Optional<Duration> duration, Optional<Cost> cost, boolean hasAudio)
            implements OfCall {
        public Report {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(status, "status");
            turns = List.copyOf(turns);
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(cost, "cost");
        }

        @Override
        public String eventKey() {
            return key(call, "report");
        }
    }

    /** The whole call's audio. The bytes are the caller's to keep; they are not copied. */
    record Audio(CallRef call, Instant occurredAt, String mediaType, byte[] bytes) implements OfCall {
        public Audio {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String eventKey() {
            return key(call, "audio");
        }

        @Override
        public String toString() {
            return "Audio[" + call + ", " + mediaType + ", " + bytes.length + " bytes]";
        }
    }

    /** The call never started (busy, no answer, ...). */
    record InitiationFailure(CallRef call, Instant occurredAt, String reason) implements OfCall {
        public InitiationFailure {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(occurredAt, "occurredAt");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String eventKey() {
            return key(call, "initiation_failure");
        }
    }

    /** An authentic event of a type Voicegate does not handle; acknowledged and otherwise ignored. */
    record Unsupported(String provider, String type) implements PostCallEvent {
        public Unsupported {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String eventKey() {
            return provider + ":unsupported:" + type;
        }
    }

    private static String key(CallRef call, String kind) {
        return call.provider() + ":" + kind + ":" + call.conversationId();
    }
}
