package io.voicegate.core.privacy;

import io.voicegate.core.audit.AuditHistory;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Deletes what is past its retention period, in batches: session data created strictly before now minus the
 * session period, audit events strictly before now minus the audit period (data exactly at the boundary stays).
 * Audits how many rows it removed. Run by a schedule and on demand.
 */
public final class RetentionSweep {

    /** Rows removed per kind of data, in sweep order; {@code audit_events} last. */
    public record Result(Map<String, Integer> removed) {
        public Result {
            removed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(removed));
        }

        public int total() {
            return removed.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** {@code name=count} pairs, e.g. {@code voice_sessions=3 audit_events=0}. */
        public String summary() {
            return removed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }
    }

    private final RetentionPolicy policy;
    private final List<ExpiringData> sessionData;
    private final AuditHistory history;
    private final AuditTrail audit;
    private final Clock clock;

    public RetentionSweep(RetentionPolicy policy, List<ExpiringData> sessionData, AuditHistory history,
                          AuditTrail audit, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sessionData = List.copyOf(sessionData);
        this.history = Objects.requireNonNull(history, "history");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result handle() {
        var now = clock.instant();
        var removed = new LinkedHashMap<String, Integer>();
        var sessionCutoff = now.minus(policy.sessions());
        for (var data : sessionData) {
            removed.put(data.name(), inBatches(sessionCutoff, data::deleteOlderThan));
        }
        removed.put("audit_events", inBatches(now.minus(policy.audit()), history::deleteOlderThan));
        var result = new Result(removed);
        audit.systemAction(AuditTrail.SYSTEM, "retention.swept", "retention", Outcome.SUCCESS,
                RequestContext.system("retention"), result.summary());
        return result;
    }

    private int inBatches(Instant cutoff, BiFunction<Instant, Integer, Integer> deleteBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.apply(cutoff, policy.batchSize());
            total += deleted;
        } while (deleted >= policy.batchSize());
        return total;
    }
}
