package io.voicegate.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One fact in the append-only audit trail: who (as a pseudonym, never a user id or email), did what, to which
 * resource, with what outcome, when, in which request, from which (hashed) address.
 *
 * @param actor     the actor's pseudonym, or {@code system}/{@code anonymous}
 * @param subject   the pseudonym of the person the data is about, when there is one (what {@code /me/audit} lists)
 * @param detail    a short client-safe note (counts, disclosed field names), never personal content
 */
public record AuditEvent(UUID id, String actor, Optional<String> subject, String action, String resourceType,
                         Optional<String> resourceId, Outcome outcome, Instant at, String requestId,
                         Optional<String> ipHash, Optional<String> detail) {

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ipHash, "ipHash");
        Objects.requireNonNull(detail, "detail");
    }
}
