package io.voicegate.core.usage;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/** Usage of one session reported at one moment, for one provider and model (empty model text when it has none). */
public record UsageRecord(UUID id, SessionId session, UserId owner, String provider, String model, Instant at,
                          Usage usage) {

    public UsageRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(usage, "usage");
    }
}
