package io.voicegate.core.usage;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Applies {@link QuotaLimits} to one user: may they open another session, have they exhausted a daily quota, and
 * what remains. Days are UTC days; minutes are connected minutes; cost is {@link UsagePricing}'s estimate.
 * Thread-safe. The concurrency check and the insert that follows are not one atomic step, so two simultaneous
 * requests can both pass the last free slot.
 */
public final class QuotaGuard {

    public static final String CONCURRENT_SESSIONS = "concurrent_sessions";
    public static final String DAILY_MINUTES = "daily_minutes";
    public static final String DAILY_COST_USD = "daily_cost_usd";

    /** What a user has used today and what remains of each quota (empty remaining = unlimited). */
    public record Status(QuotaLimits limits, int liveSessions, double minutesToday, double costTodayUsd) {

        public int concurrentLimit() {
            return limits.concurrentSessions();
        }

        public Optional<Double> minutesRemaining() {
            return limits.dailyMinutes().map(l -> Math.max(0, l - minutesToday));
        }

        public Optional<Double> costRemainingUsd() {
            return limits.dailyCostUsd().map(l -> Math.max(0, l - costTodayUsd));
        }
    }

    private static final Duration ONE_MICRO = Duration.ofNanos(1_000);

    private final SessionStore sessions;
    private final UsageStore usage;
    private final UsagePricing pricing;
    private final QuotaLimits limits;

    public QuotaGuard(SessionStore sessions, UsageStore usage, UsagePricing pricing, QuotaLimits limits) {
        this.sessions = sessions;
        this.usage = usage;
        this.pricing = pricing;
        this.limits = limits;
    }

    /** @throws QuotaExceeded naming the first quota that leaves no room for another session */
    public void checkNewSession(UserId user, Instant now) {
        int live = sessions.countLive(user, now);
        if (live >= limits.concurrentSessions()) {
            throw new QuotaExceeded(CONCURRENT_SESSIONS, limits.concurrentSessions(), live, Optional.empty());
        }
        exhausted(user, now).ifPresent(e -> {
            throw e;
        });
    }

    /** The first daily quota the user has used up, if any. */
    public Optional<QuotaExceeded> exhausted(UserId user, Instant now) {
        if (limits.dailyMinutes().isEmpty() && limits.dailyCostUsd().isEmpty()) return Optional.empty();
        var status = status(user, now);
        var untilTomorrow = Optional.of(Duration.between(now, startOfDay(now).plus(Duration.ofDays(1))));
        if (status.minutesRemaining().filter(r -> r <= 0).isPresent()) {
            return Optional.of(new QuotaExceeded(DAILY_MINUTES, limits.dailyMinutes().orElseThrow(),
                    round(status.minutesToday()), untilTomorrow));
        }
        if (status.costRemainingUsd().filter(r -> r <= 0).isPresent()) {
            return Optional.of(new QuotaExceeded(DAILY_COST_USD, limits.dailyCostUsd().orElseThrow(),
                    round(status.costTodayUsd()), untilTomorrow));
        }
        return Optional.empty();
    }

    public Status status(UserId user, Instant now) {
        var dayStart = startOfDay(now);
        double minutes = 0;
        for (var session : sessions.ownedBetween(user, dayStart, now.plus(ONE_MICRO))) {
            minutes += session.connectedWithin(dayStart, now, now).toMillis() / 60_000.0;
        }
        double cost = 0;
        for (var record : usage.forOwner(user, dayStart, now.plus(ONE_MICRO))) {
            cost += pricing.cost(record.provider(), record.model(), record.usage());
        }
        return new Status(limits, sessions.countLive(user, now), minutes, cost);
    }

    static Instant startOfDay(Instant now) {
        return now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    }


    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
