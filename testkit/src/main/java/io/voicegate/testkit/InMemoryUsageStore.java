package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.usage.UsageRecord;
import io.voicegate.core.usage.UsageStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Usage records kept in memory. Thread-safe. */
public final class InMemoryUsageStore implements UsageStore {

    private static final Comparator<UsageRecord> OLDEST_FIRST = Comparator.comparing(UsageRecord::at)
            .thenComparing(UsageRecord::id);

    private final List<UsageRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void append(UsageRecord record) {
        records.add(record);
    }

    @Override
    public List<UsageRecord> forOwner(UserId owner, Instant from, Instant to) {
        return records.stream()
                .filter(r -> r.owner().equals(owner) && !r.at().isBefore(from) && r.at().isBefore(to))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    @Override
    public List<UsageRecord> forSession(SessionId session) {
        return records.stream().filter(r -> r.session().equals(session)).sorted(OLDEST_FIRST).toList();
    }
}
