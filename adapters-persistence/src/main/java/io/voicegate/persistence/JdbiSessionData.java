package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.privacy.PersonalData;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.core.usage.UsageRecord;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A person's sessions, transcript turns, usage records, provider call figures and kept call audio, for export and erasure, and their expiry after the
 * session retention period (only sessions that are over; turns and usage go with their session).
 */
public final class JdbiSessionData implements PersonalData, PersonalTables, ExpiringData {

    /** What an export holds about a person's sessions. */
    public record Export(List<VoiceSession> sessions, List<Turn> transcriptTurns, List<UsageRecord> usage,
                         List<ProviderCall> providerCalls, List<CallAudio> callAudio) {
    }

    /** What a provider told about a session: its conversation id and, from its report, the cost. */
    public record ProviderCall(UUID sessionId, Optional<String> conversationId, Optional<BigDecimal> cost,
                               Optional<String> costUnit) {
    }

    /** A kept call recording (base64 in the export document). */
    public record CallAudio(UUID sessionId, String mediaType, Instant receivedAt, byte[] audio) {
    }

    private static final Instant EPOCH = Instant.EPOCH;
    private static final Instant ANY_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final Jdbi jdbi;
    private final JdbiSessionStore sessions;
    private final JdbiTranscriptStore transcripts;
    private final JdbiUsageStore usage;

    public JdbiSessionData(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.sessions = new JdbiSessionStore(jdbi);
        this.transcripts = new JdbiTranscriptStore(jdbi);
        this.usage = new JdbiUsageStore(jdbi);
    }

    @Override
    public String section() {
        return "voice_sessions";
    }

    @Override
    public Export export(UserId user) {
        var owned = new ArrayList<VoiceSession>();
        var page = sessions.listOwned(user, Optional.empty(), Optional.empty(), 500);
        while (!page.isEmpty()) {
            owned.addAll(page);
            page = sessions.listOwned(user, Optional.empty(),
                    Optional.of(io.voicegate.core.session.SessionCursor.after(page.get(page.size() - 1))), 500);
        }
        var turns = new ArrayList<Turn>();
        for (var session : owned) turns.addAll(transcripts.turns(session.id()));
        return jdbi.withHandle(h -> new Export(owned, turns, usage.forOwner(user, EPOCH, ANY_TIME),
                h.createQuery("SELECT id, provider_conversation_id, provider_cost, provider_cost_unit FROM voice_sessions "
                                + "WHERE user_id = :user AND (provider_conversation_id IS NOT NULL OR provider_cost IS NOT NULL) "
                                + "ORDER BY created_at, id")
                        .bind("user", user.value())
                        .map((rs, ctx) -> new ProviderCall(rs.getObject("id", UUID.class),
                                Optional.ofNullable(rs.getString("provider_conversation_id")),
                                Optional.ofNullable(rs.getBigDecimal("provider_cost")),
                                Optional.ofNullable(rs.getString("provider_cost_unit")))).list(),
                h.createQuery("SELECT a.session_id, a.media_type, a.received_at, a.audio FROM call_audio a "
                                + "JOIN voice_sessions s ON s.id = a.session_id WHERE s.user_id = :user ORDER BY a.received_at")
                        .bind("user", user.value())
                        .map((rs, ctx) -> new CallAudio(rs.getObject("session_id", UUID.class), rs.getString("media_type"),
                                Timestamps.instant(rs, "received_at"), rs.getBytes("audio"))).list()));
    }

    @Override
    public int erase(UserId user) {
        return jdbi.inTransaction(h -> {
            int rows = h.createUpdate("DELETE FROM usage_records WHERE user_id = :user OR session_id IN "
                    + "(SELECT id FROM voice_sessions WHERE user_id = :user)").bind("user", user.value()).execute();
            rows += h.createUpdate("DELETE FROM transcript_turns WHERE session_id IN "
                    + "(SELECT id FROM voice_sessions WHERE user_id = :user)").bind("user", user.value()).execute();
            rows += h.createUpdate("DELETE FROM call_audio WHERE session_id IN "
                    + "(SELECT id FROM voice_sessions WHERE user_id = :user)").bind("user", user.value()).execute();
            // Provider reports kept unmatched that point at this user's sessions (by reference or conversation id).
            rows += h.createUpdate("DELETE FROM unmatched_webhooks WHERE session_ref IN (SELECT session_ref FROM "
                    + "voice_sessions WHERE user_id = :user AND session_ref IS NOT NULL) OR EXISTS (SELECT 1 FROM "
                    + "voice_sessions s WHERE s.user_id = :user AND s.provider = unmatched_webhooks.provider "
                    + "AND s.provider_conversation_id = unmatched_webhooks.conversation_id)")
                    .bind("user", user.value()).execute();
            rows += h.createUpdate("DELETE FROM voice_sessions WHERE user_id = :user").bind("user", user.value()).execute();
            return rows;
        });
    }

    @Override
    public Set<String> personalTables() {
        return Set.of("voice_sessions", "transcript_turns", "usage_records", "call_audio");
    }

    @Override
    public String name() {
        return "voice_sessions";
    }

    /** Deletes sessions that are over and were created before the cutoff, with their turns and usage. */
    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return jdbi.inTransaction(h -> {
            var ids = h.createQuery("SELECT id FROM voice_sessions WHERE created_at < :cutoff "
                            + "AND status IN (:ended, :expired, :failed) ORDER BY created_at, id LIMIT :limit")
                    .bind("cutoff", Timestamps.utc(cutoff)).bind("limit", limit)
                    .bind("ended", SessionStatus.ENDED.wire()).bind("expired", SessionStatus.EXPIRED.wire())
                    .bind("failed", SessionStatus.FAILED.wire())
                    .mapTo(java.util.UUID.class).list();
            if (ids.isEmpty()) return 0;
            h.createUpdate("DELETE FROM usage_records WHERE session_id IN (<ids>)").bindList("ids", ids).execute();
            h.createUpdate("DELETE FROM transcript_turns WHERE session_id IN (<ids>)").bindList("ids", ids).execute();
            h.createUpdate("DELETE FROM call_audio WHERE session_id IN (<ids>)").bindList("ids", ids).execute();
            return h.createUpdate("DELETE FROM voice_sessions WHERE id IN (<ids>)").bindList("ids", ids).execute();
        });
    }
}
