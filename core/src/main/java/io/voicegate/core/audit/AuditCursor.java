package io.voicegate.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Where a page of audit events ended: the last event's time and id, as an opaque text for clients. */
public record AuditCursor(Instant at, UUID id) {

    public AuditCursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }

    public static AuditCursor of(AuditEvent event) {
        return new AuditCursor(event.at(), event.id());
    }

    /** Whether an event sorts after this cursor in newest-first order. */
    public boolean precedes(AuditEvent event) {
        int byTime = event.at().compareTo(at);
        return byTime < 0 || byTime == 0 && event.id().compareTo(id) < 0;
    }

    /** {@code <epoch seconds>.<nanos>~<id>}: stable, URL-safe. */
    public String encode() {
        return at.getEpochSecond() + "." + at.getNano() + "~" + id;
    }

    /** The cursor a client sent back; empty when the text is not one. */
    public static Optional<AuditCursor> parse(String text) {
        if (text == null) return Optional.empty();
        var match = java.util.regex.Pattern.compile("(-?\\d{1,19})\\.(\\d{1,9})~([0-9a-fA-F-]{36})").matcher(text);
        if (!match.matches()) return Optional.empty();
        try {
            var at = Instant.ofEpochSecond(Long.parseLong(match.group(1)), Long.parseLong(match.group(2)));
            return Optional.of(new AuditCursor(at, UUID.fromString(match.group(3))));
        } catch (RuntimeException notACursor) {
            return Optional.empty();
        }
    }
}
