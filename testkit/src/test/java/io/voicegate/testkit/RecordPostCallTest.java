package io.voicegate.testkit;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.postcall.CallRecords;
import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.Cost;
import io.voicegate.core.postcall.PostCallEvent;
import io.voicegate.core.postcall.PostCallSink;
import io.voicegate.core.postcall.RecordPostCall;
import io.voicegate.core.postcall.ReportedTurn;
import io.voicegate.core.postcall.Speaker;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Post-call reports landing on their session over the in-memory stores. */
class RecordPostCallTest {

    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    private static final SessionRef REF = new SessionRef("AAAAAAAAAAAAAAAAAAAAAA");

    private final MutableClock clock = MutableClock.at(START);
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final InMemorySessionRefs refs = new InMemorySessionRefs();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final Map<SessionId, Cost> costs = new HashMap<>();
    private final Map<SessionId, byte[]> audio = new HashMap<>();
    private final CallRecords calls = new CallRecords() {
        @Override
        public void recordCost(SessionId session, Cost cost) {
            costs.put(session, cost);
        }

        @Override
        public void keepAudio(SessionId session, String mediaType, byte[] bytes, Instant receivedAt) {
            audio.put(session, bytes);
        }
    };
    private final RecordPostCall sink = new RecordPostCall(sessions, transcripts, usage, refs, calls,
            new AuditTrail(auditLog, new InMemoryPseudonyms(), clock, new SequentialIds(), new byte[32]));
    private final UserId alice = new UserId(UUID.randomUUID());

    private SessionId session() {
        var session = Sessions.created(alice, START);
        sessions.insert(session);
        refs.assign(REF, new SessionRefs.Target(session.id().value(), alice));
        return session.id();
    }

    private static PostCallEvent.Report report(Optional<SessionRef> ref) {
        return new PostCallEvent.Report(new CallRef("elevenlabs", "conv_1", ref), START.plusSeconds(60), "done",
                List.of(new ReportedTurn(Speaker.AGENT, "Hello Ada", Duration.ZERO),
                        new ReportedTurn(Speaker.USER, "Hi", Duration.ofSeconds(2))),
                Optional.of(START), Optional.of(Duration.ofSeconds(22)),
                Optional.of(new Cost(new BigDecimal("296"), "credits")), true);
    }

    @Test
    void a_report_matched_by_reference_stores_turns_duration_and_cost_and_ends_the_session() {
        var id = session();

        assertThat(sink.recordPostCall(report(Optional.of(REF)))).isEqualTo(PostCallSink.Delivery.RECORDED);

        assertThat(transcripts.turns(id)).extracting(Turn::role, Turn::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TurnRole.ASSISTANT, "Hello Ada"),
                        org.assertj.core.groups.Tuple.tuple(TurnRole.USER, "Hi"));
        assertThat(usage.forSession(id)).singleElement()
                .satisfies(r -> assertThat(r.usage().audioSecondsIn()).isEqualTo(22.0));
        assertThat(costs.get(id)).isEqualTo(new Cost(new BigDecimal("296"), "credits"));
        var ended = sessions.find(id).orElseThrow();
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(ended.endedAt()).contains(START.plusSeconds(22));
        assertThat(refs.findByConversation("elevenlabs", "conv_1")).isPresent();
        assertThat(auditLog.events()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("webhook.ingest");
            assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains("turns=2").doesNotContain("Hello"));
        });
    }

    @Test
    void the_same_report_again_writes_nothing_new() {
        var id = session();
        sink.recordPostCall(report(Optional.of(REF)));
        sink.recordPostCall(report(Optional.empty()));

        assertThat(transcripts.turns(id)).hasSize(2);
        assertThat(usage.forSession(id)).hasSize(1);
    }

    @Test
    void a_transcript_a_relay_recorded_live_is_not_stored_again_from_the_report() {
        var id = session();
        transcripts.append(new Turn(id, "agent:1", TurnRole.ASSISTANT, "Hello Ada", START, START));
        transcripts.append(new Turn(id, "user:2", TurnRole.USER, "Hi", START.plusSeconds(2), START.plusSeconds(2)));

        assertThat(sink.recordPostCall(report(Optional.of(REF)))).isEqualTo(PostCallSink.Delivery.RECORDED);

        assertThat(transcripts.turns(id)).extracting(Turn::itemId).containsExactly("agent:1", "user:2");
        assertThat(usage.forSession(id)).hasSize(1);
        assertThat(sessions.find(id).orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
        assertThat(auditLog.events()).singleElement()
                .satisfies(e -> assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains("recorded live")));
    }

    @Test
    void a_report_for_an_unknown_call_matches_no_session() {
        session();
        assertThat(sink.recordPostCall(report(Optional.empty()))).isEqualTo(PostCallSink.Delivery.NO_MATCHING_SESSION);
        assertThat(auditLog.events()).isEmpty();
    }

    @Test
    void an_initiation_failure_fails_the_session_with_its_reason() {
        var id = session();
        var failure = new PostCallEvent.InitiationFailure(new CallRef("elevenlabs", "conv_1", Optional.of(REF)),
                START.plusSeconds(5), "busy");

        assertThat(sink.recordPostCall(failure)).isEqualTo(PostCallSink.Delivery.RECORDED);

        var failed = sessions.find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(SessionStatus.FAILED);
        assertThat(failed.endReason()).contains(EndReason.CALL_INITIATION_FAILED);
        assertThat(auditLog.events()).singleElement()
                .satisfies(e -> assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains("reason=busy")));
    }

    @Test
    void audio_is_kept_with_its_session() {
        var id = session();
        var bytes = new byte[]{1, 2, 3};
        sink.recordPostCall(new PostCallEvent.Audio(new CallRef("elevenlabs", "conv_1", Optional.of(REF)),
                START.plusSeconds(70), "audio/mpeg", bytes));
        assertThat(audio.get(id)).containsExactly(1, 2, 3);
    }

    @Test
    void no_turn_text_is_stored_when_the_session_keeps_no_transcript() {
        var session = Sessions.created(alice, START).withTranscriptStored(false);
        sessions.insert(session);
        refs.assign(REF, new SessionRefs.Target(session.id().value(), alice));

        sink.recordPostCall(report(Optional.of(REF)));

        assertThat(transcripts.turns(session.id())).isEmpty();
        assertThat(usage.forSession(session.id())).hasSize(1);
    }
}
