package io.voicegate.launcher;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditLog;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.testkit.InMemoryPseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Until the durable audit store is wired: an {@link AuditTrail} that writes each event (pseudonyms and hashed
 * addresses only) to the {@code io.voicegate.audit} log, with per-process pseudonyms and IP-hash key.
 */
final class InterimAudit implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.voicegate.audit");

    static AuditTrail trail(Clock clock, IdGenerator ids) {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new AuditTrail(new InterimAudit(), new InMemoryPseudonyms(), clock, ids, key);
    }

    @Override
    public void append(AuditEvent event) {
        LOG.info("audit {} {} {} actor={}", event.action(), event.outcome(), event.resourceType(), event.actor());
    }
}
