package io.voicegate.core.usage;

import java.util.Objects;
import java.util.Optional;

/**
 * What one user may use: connected minutes and estimated cost per UTC day (empty = unlimited), and how many
 * sessions may be live at once (CREATED ones count until their credential expires).
 */
public record QuotaLimits(Optional<Integer> dailyMinutes, Optional<Double> dailyCostUsd, int concurrentSessions) {

    public QuotaLimits {
        Objects.requireNonNull(dailyMinutes, "dailyMinutes");
        Objects.requireNonNull(dailyCostUsd, "dailyCostUsd");
        if (dailyMinutes.filter(m -> m < 0).isPresent()) throw new IllegalArgumentException("dailyMinutes must be >= 0");
        if (dailyCostUsd.filter(c -> c < 0 || c.isNaN()).isPresent()) throw new IllegalArgumentException("dailyCostUsd must be >= 0");
        if (concurrentSessions < 1) throw new IllegalArgumentException("concurrentSessions must be >= 1");
    }

    public static QuotaLimits defaults() {
        return new QuotaLimits(Optional.empty(), Optional.empty(), 2);
    }
}
