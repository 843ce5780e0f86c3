package io.voicegate.persistence;

import io.voicegate.core.postcall.CallRecords;
import io.voicegate.core.postcall.Cost;
import io.voicegate.core.session.SessionId;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Objects;

/**
 * {@link CallRecords}: the cost in {@code voice_sessions.provider_cost(_unit)} and the audio in {@code call_audio}
 * (one recording per session; a second one replaces it). Thread-safe.
 */
public final class JdbiCallRecords implements CallRecords {

    private final Jdbi jdbi;

    public JdbiCallRecords(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void recordCost(SessionId session, Cost cost) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE voice_sessions SET provider_cost = :amount, provider_cost_unit = :unit "
                        + "WHERE id = :id")
                .bind("amount", cost.amount()).bind("unit", cost.unit()).bind("id", session.value()).execute());
    }

    @Override
    public void keepAudio(SessionId session, String mediaType, byte[] audio, Instant receivedAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM call_audio WHERE session_id = :id").bind("id", session.value()).execute();
            h.createUpdate("INSERT INTO call_audio (session_id, media_type, received_at, audio) "
                            + "VALUES (:id, :type, :at, :audio)")
                    .bind("id", session.value()).bind("type", mediaType).bind("at", Timestamps.utc(receivedAt))
                    .bind("audio", audio).execute();
        });
    }
}
