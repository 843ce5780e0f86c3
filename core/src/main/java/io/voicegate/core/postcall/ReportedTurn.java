package io.voicegate.core.postcall;

import java.time.Duration;
import java.util.Objects;

/**
 * One line of a call's transcript as the provider reported it afterwards.
 *
 * @param offset how far into the call it was said
 */
public record ReportedTurn(Speaker speaker, String text, Duration offset) {

    public ReportedTurn {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(offset, "offset");
        if (offset.isNegative()) throw new IllegalArgumentException("offset must not be negative");
    }
}
