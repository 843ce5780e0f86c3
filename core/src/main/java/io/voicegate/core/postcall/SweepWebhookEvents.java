package io.voicegate.core.postcall;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps the webhook record small and lawful: claims are only needed while a replay could still pass verification
 * (a signature's time window), and events no session ever matched hold transcripts of nobody we know, so they go
 * after the retention period.
 */
public final class SweepWebhookEvents {

    /** What one sweep removed. */
    public record Swept(int claims, int unmatched) {
    }

    private final WebhookEvents events;
    private final Clock clock;
    private final Duration claimsKept;
    private final Duration unmatchedKept;

    /**
     * @param claimsKept    must exceed every verifier's tolerance (twice it is safe), or a late replay could pass
     * @param unmatchedKept how long events that matched no session are kept for later matching
     */
    public SweepWebhookEvents(WebhookEvents events, Clock clock, Duration claimsKept, Duration unmatchedKept) {
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (claimsKept.compareTo(Duration.ofHours(1)) < 0) throw new IllegalArgumentException("claims must be kept at least an hour");
        if (unmatchedKept.isNegative() || unmatchedKept.isZero()) throw new IllegalArgumentException("unmatchedKept must be positive");
        this.claimsKept = claimsKept;
        this.unmatchedKept = unmatchedKept;
    }

    public Swept handle() {
        var now = clock.instant();
        return new Swept(events.forgetClaimsBefore(now.minus(claimsKept)),
                events.discardUnmatchedBefore(now.minus(unmatchedKept)));
    }
}
