package io.voicegate.core.audit;

import io.voicegate.core.identity.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A small audit log, history and pseudonym map for core tests (core cannot use testkit). Not thread-safe. */
public final class RecordingAudit implements AuditLog, AuditHistory, Pseudonyms {

    public static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    public final List<AuditEvent> events = new ArrayList<>();
    private final Map<UserId, String> pseudonyms = new HashMap<>();
    private final AtomicLong next = new AtomicLong();

    public AuditTrail trail(Clock clock) {
        return new AuditTrail(this, this, clock, () -> new UUID(0, next.incrementAndGet()), KEY);
    }

    @Override
    public void append(AuditEvent event) {
        events.add(event);
    }

    @Override
    public AuditPage about(String subject, Optional<AuditCursor> after, int limit) {
        var matching = events.stream()
                .filter(e -> e.subject().equals(Optional.of(subject)))
                .filter(e -> after.map(c -> c.precedes(e)).orElse(true))
                .sorted(Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed())
                .limit(limit + 1L)
                .toList();
        return AuditPage.of(matching, limit);
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        var doomed = events.stream().filter(e -> e.at().isBefore(cutoff)).limit(limit).toList();
        events.removeAll(doomed);
        return doomed.size();
    }

    @Override
    public String of(UserId user) {
        return pseudonyms.computeIfAbsent(user, u -> "psn_" + (pseudonyms.size() + 1) + "_" + next.incrementAndGet());
    }

    @Override
    public void forget(UserId user) {
        pseudonyms.remove(user);
    }

    public boolean knows(UserId user) {
        return pseudonyms.containsKey(user);
    }

    public List<String> actions() {
        return events.stream().map(AuditEvent::action).toList();
    }
}
