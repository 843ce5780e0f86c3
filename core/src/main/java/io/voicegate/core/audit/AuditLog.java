package io.voicegate.core.audit;

/**
 * The append-only audit trail. Implementations are thread-safe; an append is durable when it returns, and a
 * failure to append throws (an action that cannot be audited must not silently succeed).
 */
public interface AuditLog {

    void append(AuditEvent event);
}
