package io.voicegate.persistence;

import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.Cost;
import io.voicegate.core.postcall.UnmatchedWebhook;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsageRecord;
import io.voicegate.testkit.Sessions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's sessions, turns and usage are exported, erased, and expire after retention (only when over). */
class JdbiSessionDataIT {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void exports_erases_and_expires_a_persons_sessions_with_their_turns_and_usage(String kind) {
        try (var database = new MigratedDatabase(kind)) {
            var jdbi = database.jdbi();
            var sessions = new JdbiSessionStore(jdbi);
            var transcripts = new JdbiTranscriptStore(jdbi);
            var usage = new JdbiUsageStore(jdbi);
            var data = new JdbiSessionData(jdbi);
            var alice = TestUsers.insert(jdbi);
            var bob = TestUsers.insert(jdbi);

            var old = Sessions.created(alice, T0);
            var live = Sessions.created(alice, T0);
            var bobs = Sessions.created(bob, T0);
            for (var s : new io.voicegate.core.session.VoiceSession[]{old, live, bobs}) sessions.insert(s);
            sessions.update(old.end(EndReason.ENDED_BY_USER, T0.plusSeconds(5)), SessionStatus.CREATED);
            sessions.update(live.start(T0.plusSeconds(1)), SessionStatus.CREATED);
            transcripts.append(new Turn(old.id(), "item_1", TurnRole.USER, "Hallo", T0, T0));
            transcripts.append(new Turn(bobs.id(), "item_1", TurnRole.USER, "Servus", T0, T0));
            usage.append(new UsageRecord(UUID.randomUUID(), old.id(), alice, "fake", "", T0, new Usage(1, 1, 0, 0, 0, 0, 0)));

            var export = data.export(alice);
            assertThat(export.sessions()).hasSize(2);
            assertThat(export.transcriptTurns()).extracting(Turn::text).containsExactly("Hallo");
            assertThat(export.usage()).hasSize(1);

            assertThat(data.deleteOlderThan(T0.plusSeconds(60), 10)).as("only the session that is over").isEqualTo(1);
            assertThat(sessions.find(old.id())).isEmpty();
            assertThat(transcripts.turns(old.id())).isEmpty();
            assertThat(usage.forSession(old.id())).isEmpty();
            assertThat(sessions.find(live.id())).isPresent();

            assertThat(data.erase(alice)).isEqualTo(1);
            assertThat(data.erase(alice)).isZero();
            assertThat(data.export(alice).sessions()).isEmpty();
            assertThat(transcripts.turns(bobs.id())).as("someone else's data stays").hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void provider_call_figures_kept_audio_and_unmatched_reports_go_with_the_persons_sessions(String kind) {
        try (var database = new MigratedDatabase(kind)) {
            var jdbi = database.jdbi();
            var sessions = new JdbiSessionStore(jdbi);
            var refs = new JdbiSessionRefs(jdbi);
            var calls = new JdbiCallRecords(jdbi);
            var events = new JdbiWebhookEvents(jdbi);
            var data = new JdbiSessionData(jdbi);
            var alice = TestUsers.insert(jdbi);
            var bob = TestUsers.insert(jdbi);
            var hers = Sessions.created(alice, T0);
            var his = Sessions.created(bob, T0);
            sessions.insert(hers);
            sessions.insert(his);
            var ref = new SessionRef("AAAAAAAAAAAAAAAAAAAAAA");
            refs.assign(ref, new SessionRefs.Target(hers.id().value(), alice));
            refs.linkConversation(hers.id().value(), "conv_hers");
            calls.recordCost(hers.id(), new Cost(new BigDecimal("296"), "credits"));
            calls.keepAudio(hers.id(), "audio/mpeg", new byte[]{1, 2, 3}, T0);
            calls.keepAudio(his.id(), "audio/mpeg", new byte[]{9}, T0);
            events.keepUnmatched(new UnmatchedWebhook("k1", new CallRef("fake", "conv_other", Optional.of(ref)), T0, new byte[]{1}));
            events.keepUnmatched(new UnmatchedWebhook("k2", new CallRef("fake", "conv_hers", Optional.empty()), T0, new byte[]{2}));
            events.keepUnmatched(new UnmatchedWebhook("k3", new CallRef("fake", "conv_his", Optional.empty()), T0, new byte[]{3}));

            var export = data.export(alice);
            assertThat(export.providerCalls()).singleElement().satisfies(call -> {
                assertThat(call.conversationId()).contains("conv_hers");
                assertThat(call.cost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("296"));
            });
            assertThat(export.callAudio()).singleElement().satisfies(a -> assertThat(a.audio()).containsExactly(1, 2, 3));

            data.erase(alice);
            int recordings = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM call_audio").mapTo(Integer.class).one());
            assertThat(recordings).as("only bob's recording stays").isEqualTo(1);
            assertThat(events.unmatchedBySessionRef(ref)).isEmpty();
            assertThat(events.unmatchedByConversation("fake", "conv_hers")).isEmpty();
            assertThat(events.unmatchedByConversation("fake", "conv_his")).hasSize(1);
            assertThat(refs.find(ref)).isEmpty();
        }
    }
}
