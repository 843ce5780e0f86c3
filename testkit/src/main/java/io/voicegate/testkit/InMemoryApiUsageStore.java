package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.privacy.PersonalData;
import io.voicegate.core.usage.ApiUsageRecord;
import io.voicegate.core.usage.ApiUsageStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Usage of API calls outside sessions kept in memory; also its personal-data section and expiring data
 * ({@code api_usage}), like the database. Thread-safe.
 */
public final class InMemoryApiUsageStore implements ApiUsageStore, PersonalData, ExpiringData {

    private static final Comparator<ApiUsageRecord> OLDEST_FIRST = Comparator.comparing(ApiUsageRecord::at)
            .thenComparing(ApiUsageRecord::id);

    private final List<ApiUsageRecord> records = new ArrayList<>();

    @Override
    public synchronized void append(ApiUsageRecord record) {
        if (records.stream().anyMatch(r -> r.id().equals(record.id()))) {
            throw new IllegalStateException("api usage " + record.id() + " is already recorded");
        }
        records.add(record);
    }

    @Override
    public synchronized List<ApiUsageRecord> forUser(UserId user, Instant from, Instant to) {
        return records.stream()
                .filter(r -> r.user().equals(user) && !r.at().isBefore(from) && r.at().isBefore(to))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    @Override
    public String section() {
        return "api_usage";
    }

    @Override
    public synchronized List<ApiUsageRecord> export(UserId user) {
        return records.stream().filter(r -> r.user().equals(user)).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized int erase(UserId user) {
        var before = records.size();
        records.removeIf(r -> r.user().equals(user));
        return before - records.size();
    }

    @Override
    public String name() {
        return "api_usage";
    }

    @Override
    public synchronized int deleteOlderThan(Instant cutoff, int limit) {
        var old = records.stream().filter(r -> r.at().isBefore(cutoff)).sorted(OLDEST_FIRST).limit(limit).toList();
        records.removeAll(old);
        return old.size();
    }
}
