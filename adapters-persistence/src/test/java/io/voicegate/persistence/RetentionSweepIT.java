package io.voicegate.persistence;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.identity.RefreshToken;
import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.UnmatchedWebhook;
import io.voicegate.core.privacy.RetentionPolicy;
import io.voicegate.core.privacy.RetentionSweep;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.ApiUsageRecord;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsageRecord;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import io.voicegate.testkit.Sessions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention sweep over the real tables: exactly at the boundary, in batches, audited. */
class RetentionSweepIT {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void the_sweep_deletes_audit_events_strictly_older_than_the_period_in_batches(String kind) {
        try (var pool = TestDatabases.migrated(TestDatabases.of(kind))) {
            // On PostgreSQL the trigger judges age by the database's clock, so the test clock starts at real time.
            var clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            var stores = JdbiStores.create(pool, clock);
            var cutoff = clock.instant().minus(Duration.ofDays(730));
            append(stores, cutoff);                              // exactly at the boundary: kept
            append(stores, cutoff.minus(1, ChronoUnit.MICROS));  // one microsecond older: deleted
            for (int i = 0; i < 11; i++) append(stores, cutoff.minus(Duration.ofDays(1 + i)));
            var trail = new AuditTrail(stores.audit(), stores.pseudonyms(), clock, new SequentialIds(),
                    "a retention test key of 32 bytes".getBytes());
            var sweep = new RetentionSweep(new RetentionPolicy(Duration.ofDays(90), Duration.ofDays(730), 5),
                    stores.expiringData(), stores.audit(), trail, clock);

            var result = sweep.handle();

            assertThat(result.removed()).containsEntry("audit_events", 12);
            var left = Jdbi.create(pool).withHandle(h -> h.createQuery(
                    "SELECT action FROM audit_events ORDER BY occurred_at").mapTo(String.class).list());
            assertThat(left).containsExactly("session.read", "retention.swept");
            assertThat(sweep.handle().removed()).containsEntry("audit_events", 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void the_sweep_deletes_sessions_with_their_turns_and_usage_and_unmatched_reports_strictly_older_than_the_period(String kind) {
        try (var pool = TestDatabases.migrated(TestDatabases.of(kind))) {
            var clock = MutableClock.at("2026-06-01T12:00:00Z");
            var stores = JdbiStores.create(pool, clock);
            var jdbi = Jdbi.create(pool);
            var sessions = new JdbiSessionStore(jdbi);
            var transcripts = new JdbiTranscriptStore(jdbi);
            var usage = new JdbiUsageStore(jdbi);
            var webhooks = stores.webhookEvents();
            var user = TestUsers.insert(jdbi);
            var cutoff = clock.instant().minus(Duration.ofDays(90));

            var atBoundary = endedSession(sessions, transcripts, usage, user, cutoff);
            var justOlder = endedSession(sessions, transcripts, usage, user, cutoff.minus(1, ChronoUnit.MICROS));
            var older = new java.util.ArrayList<io.voicegate.core.session.SessionId>();
            for (int i = 0; i < 4; i++) older.add(endedSession(sessions, transcripts, usage, user, cutoff.minus(Duration.ofDays(1 + i))));
            var stillActive = Sessions.created(user, cutoff.minus(Duration.ofDays(5)));
            sessions.insert(stillActive);
            sessions.update(stillActive.start(cutoff.minus(Duration.ofDays(5))), SessionStatus.CREATED);
            webhooks.keepUnmatched(unmatched("at-boundary", cutoff));
            webhooks.keepUnmatched(unmatched("just-older", cutoff.minus(1, ChronoUnit.MICROS)));
            for (int i = 0; i < 3; i++) webhooks.keepUnmatched(unmatched("older-" + i, cutoff.minus(Duration.ofDays(1 + i))));
            var apiUsage = stores.apiUsage();
            var chatAtBoundary = chat(apiUsage, user, cutoff);
            chat(apiUsage, user, cutoff.minus(1, ChronoUnit.MICROS));
            for (int i = 0; i < 3; i++) chat(apiUsage, user, cutoff.minus(Duration.ofDays(1 + i)));
            var tokens = stores.refreshTokens();
            tokens.add(token("expired-at-boundary", user, cutoff));
            tokens.add(token("expired-earlier", user, cutoff.minus(1, ChronoUnit.MICROS)));
            tokens.add(token("still-valid", user, clock.instant().plus(Duration.ofDays(30))));
            var trail = new AuditTrail(stores.audit(), stores.pseudonyms(), clock, new SequentialIds(),
                    "a retention test key of 32 bytes".getBytes());
            var sweep = new RetentionSweep(new RetentionPolicy(Duration.ofDays(90), Duration.ofDays(730), 2),
                    stores.expiringData(), stores.audit(), trail, clock);

            var result = sweep.handle();

            assertThat(result.removed()).containsEntry("voice_sessions", 5).containsEntry("api_usage", 4)
                    .containsEntry("unmatched_webhooks", 4).containsEntry("refresh_tokens", 1);
            assertThat(apiUsage.export(user)).as("chat usage exactly at the boundary: kept").containsExactly(chatAtBoundary);
            assertThat(tokens.find(hash("expired-earlier"))).isEmpty();
            assertThat(tokens.find(hash("expired-at-boundary"))).isPresent();
            assertThat(tokens.find(hash("still-valid"))).isPresent();
            assertThat(sessions.find(atBoundary)).as("exactly at the boundary: kept").isPresent();
            assertThat(transcripts.turns(atBoundary)).hasSize(1);
            assertThat(usage.forSession(atBoundary)).hasSize(1);
            assertThat(sessions.find(stillActive.id())).as("a session that is not over stays").isPresent();
            for (var gone : concat(justOlder, older)) {
                assertThat(sessions.find(gone)).isEmpty();
                assertThat(transcripts.turns(gone)).isEmpty();
                assertThat(usage.forSession(gone)).isEmpty();
            }
            List<String> kept = jdbi.withHandle(h -> h.createQuery("SELECT event_key FROM unmatched_webhooks")
                    .mapTo(String.class).list());
            assertThat(kept).containsExactly("at-boundary");
            String detail = jdbi.withHandle(h -> h.createQuery("SELECT detail FROM audit_events WHERE action = 'retention.swept'")
                    .mapTo(String.class).one());
            assertThat(detail).isEqualTo("voice_sessions=5 api_usage=4 unmatched_webhooks=4 refresh_tokens=1 audit_events=0");

            clock.advance(Duration.ofNanos(1_000));
            assertThat(sweep.handle().removed()).as("one microsecond later the boundary session is older")
                    .containsEntry("voice_sessions", 1).containsEntry("api_usage", 1)
                    .containsEntry("unmatched_webhooks", 1).containsEntry("refresh_tokens", 1);
        }
    }

    private static io.voicegate.core.session.SessionId endedSession(JdbiSessionStore sessions, JdbiTranscriptStore transcripts,
                                                                    JdbiUsageStore usage, io.voicegate.core.identity.UserId user,
                                                                    Instant createdAt) {
        var session = Sessions.created(user, createdAt);
        sessions.insert(session);
        sessions.update(session.end(EndReason.ENDED_BY_USER, createdAt.plusSeconds(1)), SessionStatus.CREATED);
        transcripts.append(new Turn(session.id(), "item_1", TurnRole.USER, "words to forget", createdAt, createdAt));
        usage.append(new UsageRecord(UUID.randomUUID(), session.id(), user, "fake", "", createdAt,
                new Usage(1, 1, 0, 0, 0, 0, 0)));
        return session.id();
    }

    private static ApiUsageRecord chat(JdbiApiUsageStore store, io.voicegate.core.identity.UserId user, Instant at) {
        var record = new ApiUsageRecord(UUID.randomUUID(), user, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini",
                at, 9, 12);
        store.append(record);
        return record;
    }

    private static String hash(String name) {
        return String.format("%64s", name).replace(' ', '0');
    }

    private static RefreshToken token(String name, io.voicegate.core.identity.UserId user, Instant expiresAt) {
        return new RefreshToken(hash(name), UUID.randomUUID(), user, expiresAt.minus(Duration.ofDays(30)), expiresAt,
                Optional.empty(), false);
    }

    private static UnmatchedWebhook unmatched(String key, Instant receivedAt) {
        return new UnmatchedWebhook(key, new CallRef("elevenlabs", "conv_" + key, Optional.empty()), receivedAt,
                "{\"transcript\":\"words to forget\"}".getBytes());
    }

    private static List<io.voicegate.core.session.SessionId> concat(io.voicegate.core.session.SessionId first,
                                                                             List<io.voicegate.core.session.SessionId> rest) {
        var all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }

    private static void append(JdbiStores stores, Instant at) {
        stores.audit().append(new AuditEvent(UUID.randomUUID(), "psn_1", Optional.of("psn_1"), "session.read",
                "session", Optional.empty(), Outcome.SUCCESS, at, "req", Optional.empty(), Optional.empty()));
    }
}
