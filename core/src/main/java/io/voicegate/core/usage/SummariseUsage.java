package io.voicegate.core.usage;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.InvalidSessionRequest;
import io.voicegate.core.session.SessionStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The owner's usage in a time range {@code [from, to)} (default: the current UTC day): sessions, connected minutes, tokens and
 * estimated cost per provider and in total, and what remains of each quota now. The tokens of API calls outside
 * sessions (chat completions) are counted per endpoint beside the sessions' usage; the cost estimate and the quotas
 * cover sessions only.
 */
public final class SummariseUsage {

    static final Duration MAX_RANGE = Duration.ofDays(366);

    public record Query(UserId user, Optional<Instant> from, Optional<Instant> to, RequestContext request) {
    }

    /**
     * @param api    per endpoint kind (every kind present, zero when unused), the API calls outside sessions
     * @param priced false when some usage had no price, so the cost is a lower bound
     */
    public record Line(String provider, int sessions, double minutes, Usage usage, Map<ApiEndpoint, ApiUsageTotals> api,
                       double costUsd, boolean priced) {
        public Line {
            Objects.requireNonNull(api, "api");
            var all = new EnumMap<ApiEndpoint, ApiUsageTotals>(ApiEndpoint.class);
            for (var endpoint : ApiEndpoint.values()) all.put(endpoint, api.getOrDefault(endpoint, ApiUsageTotals.NONE));
            api = Collections.unmodifiableMap(all);
        }

        static Line empty(String provider) {
            return new Line(provider, 0, 0, Usage.NONE, Map.of(), 0, true);
        }
    }

    public record Summary(Instant from, Instant to, List<Line> providers, Line total, QuotaGuard.Status quotas) {
        public Summary {
            providers = List.copyOf(providers);
        }
    }

    private final SessionStore sessions;
    private final UsageStore usage;
    private final ApiUsageStore apiUsage;
    private final UsagePricing pricing;
    private final QuotaGuard quotas;
    private final AuditTrail audit;
    private final Clock clock;

    public SummariseUsage(SessionStore sessions, UsageStore usage, ApiUsageStore apiUsage, UsagePricing pricing,
                          QuotaGuard quotas, AuditTrail audit, Clock clock) {
        this.sessions = sessions;
        this.usage = usage;
        this.apiUsage = apiUsage;
        this.pricing = pricing;
        this.quotas = quotas;
        this.audit = audit;
        this.clock = clock;
    }

    public Summary handle(Query query) {
        var now = clock.instant();
        var from = query.from().orElse(QuotaGuard.startOfDay(now));
        var to = query.to().orElse(QuotaGuard.startOfDay(now).plus(Duration.ofDays(1)));
        if (!from.isBefore(to)) throw InvalidSessionRequest.parameter("from", "Parameter 'from' must be before 'to'.");
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw InvalidSessionRequest.parameter("to", "The range from 'from' to 'to' must be at most 366 days.");
        }
        Map<String, Line> lines = new TreeMap<>();
        for (var session : sessions.ownedBetween(query.user(), from, to)) {
            int counted = session.createdAt().isBefore(from) ? 0 : 1;  // minutes inside the range count either way
            double minutes = session.connectedWithin(from, to, now).toMillis() / 60_000.0;
            lines.merge(session.provider(), new Line(session.provider(), counted, minutes, Usage.NONE, Map.of(), 0, true), SummariseUsage::add);
        }
        for (var record : usage.forOwner(query.user(), from, to)) {
            var line = new Line(record.provider(), 0, 0, record.usage(), Map.of(),
                    pricing.cost(record.provider(), record.model(), record.usage()),
                    pricing.isPriced(record.provider(), record.model()));
            lines.merge(record.provider(), line, SummariseUsage::add);
        }
        for (var record : apiUsage.forUser(query.user(), from, to)) {
            var line = new Line(record.provider(), 0, 0, Usage.NONE,
                    Map.of(record.endpoint(), ApiUsageTotals.of(record)), 0, true);
            lines.merge(record.provider(), line, SummariseUsage::add);
        }
        var total = Line.empty("total");
        for (var line : lines.values()) total = add(total, line);
        audit.userAction(query.user(), "usage.read", "usage", null, Outcome.SUCCESS, query.request());
        return new Summary(from, to, new ArrayList<>(lines.values()), total, quotas.status(query.user(), now));
    }

    private static Line add(Line a, Line b) {
        var api = new EnumMap<ApiEndpoint, ApiUsageTotals>(ApiEndpoint.class);
        a.api().forEach((endpoint, totals) -> api.put(endpoint, totals.plus(b.api().get(endpoint))));
        return new Line(a.provider(), a.sessions() + b.sessions(), a.minutes() + b.minutes(), a.usage().plus(b.usage()),
                api, a.costUsd() + b.costUsd(), a.priced() && b.priced());
    }
}
