package io.voicegate.testkit;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditLog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit log that keeps events in memory, in append order, for assertions. Thread-safe. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void append(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
