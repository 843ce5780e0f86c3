package io.voicegate.testkit;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.ConsentRequired;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayUsage;
import io.voicegate.core.session.CloseSession;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.RecordTurn;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.TrackedRelaySessions;
import io.voicegate.core.session.Turn;
import io.voicegate.core.usage.QuotaExceeded;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.RecordUsage;
import io.voicegate.core.usage.UsagePricing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A relay's life recorded as a session: created, active, its turns and usage, its end reason; quotas refuse first. */
class TrackedRelaySessionsTest {

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private final SequentialIds ids = new SequentialIds();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, new InMemoryPseudonyms(), clock, ids, new byte[32]);
    private final InMemoryConsentStore consents = new InMemoryConsentStore();
    private final QuotaGuard quotas = new QuotaGuard(sessions, usage, UsagePricing.defaults(), QuotaLimits.defaults());
    private final CloseSession close = new CloseSession(sessions, audit, clock);
    private final TrackedRelaySessions relays = new TrackedRelaySessions(sessions, quotas,
            new ConsentGate(consents, ConsentPolicy.defaults()), new RecordTurn(sessions, transcripts),
            new RecordUsage(sessions, usage, quotas, close, clock, ids), close, audit, clock, ids);
    private final Principal alice = new Principal(new UserId(UUID.randomUUID()), Principal.AuthenticationMethod.VOICEGATE_TOKEN, clock.instant());

    {
        Consents.grantAll(consents, alice.user(), clock.instant());
    }

    @Test
    void a_relay_without_voice_processing_consent_is_refused_before_anything_is_stored() {
        Consents.withdraw(consents, ConsentPolicy.defaults(), alice.user(), clock.instant().plusSeconds(1),
                Purpose.VOICE_PROCESSING);
        assertThatThrownBy(() -> relays.start(alice, "openai", "gpt-realtime")).isInstanceOf(ConsentRequired.class)
                .satisfies(e -> assertThat(((ConsentRequired) e).purpose()).isEqualTo(Purpose.VOICE_PROCESSING));
        assertThat(sessions.listOwned(alice.user(), java.util.Optional.empty(), java.util.Optional.empty(), 10)).isEmpty();
        assertThat(auditLog.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("session.create");
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(e.detail()).contains("consent_required");
        });
    }

    @Test
    void without_transcript_storage_consent_the_relay_keeps_usage_but_no_transcript_text() {
        Consents.withdraw(consents, ConsentPolicy.defaults(), alice.user(), clock.instant().plusSeconds(1),
                Purpose.TRANSCRIPT_STORAGE);
        var relay = relays.start(alice, "openai", "gpt-realtime");
        var id = SessionId.parse(relay.sessionRef()).orElseThrow();
        assertThat(sessions.find(id).orElseThrow().transcriptStored()).isFalse();
        relay.observer().connected();
        relay.observer().turn(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Meine Kontonummer ist 1234", "item_1"));
        relay.observer().usage(new RelayUsage(10, 20, 30, 40, 0, 1500, 2500, "gpt-realtime"));
        relay.observer().ended(new RelayEnd(RelayEnd.Reason.CLIENT_CLOSED, 1000, "bye"));

        assertThat(transcripts.turns(id)).isEmpty();
        assertThat(usage.forSession(id)).hasSize(1);
        assertThat(auditLog.events()).extracting(AuditEvent::action).contains("session.create", "session.end");
        assertThat(auditLog.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("transcript.record");
            assertThat(e.detail()).contains("stored=0 not_stored=1");
        });
    }

    @Test
    void records_the_relay_as_a_session_with_turns_usage_and_the_end_reason() {
        var relay = relays.start(alice, "openai", "gpt-realtime");
        var id = SessionId.parse(relay.sessionRef()).orElseThrow();
        assertThat(sessions.find(id).orElseThrow().status()).isEqualTo(SessionStatus.CREATED);
        relay.observer().connected();
        assertThat(sessions.find(id).orElseThrow().status()).isEqualTo(SessionStatus.ACTIVE);
        relay.observer().turn(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Hallo", "item_1"));
        relay.observer().turn(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Hallo", "item_1"));
        relay.observer().turn(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, "Hi!", "item_2"));
        relay.observer().usage(new RelayUsage(10, 20, 30, 40, 0, 1500, 2500, "gpt-realtime"));
        clock.advance(Duration.ofSeconds(30));
        relay.observer().ended(new RelayEnd(RelayEnd.Reason.CLIENT_CLOSED, 1000, "bye"));

        var ended = sessions.find(id).orElseThrow();
        assertThat(ended.endReason()).contains(EndReason.CLIENT_CLOSED);
        assertThat(transcripts.turns(id)).extracting(Turn::text).containsExactly("Hallo", "Hi!");
        assertThat(auditLog.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("transcript.record");
            assertThat(e.resourceId()).contains(id.toString());
            assertThat(e.detail()).as("the replayed turn is not stored twice").contains("stored=2 not_stored=0");
        });
        assertThat(usage.forSession(id)).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("gpt-realtime");
            assertThat(r.usage().audioSecondsOut()).isEqualTo(2.5);
            assertThat(r.usage().audioTokensOut()).isEqualTo(40);
        });
    }

    @Test
    void a_relay_over_the_concurrency_quota_is_refused_before_anything_is_stored() {
        relays.start(alice, "openai", "gpt-realtime");
        relays.start(alice, "openai", "gpt-realtime");
        assertThatThrownBy(() -> relays.start(alice, "openai", "gpt-realtime")).isInstanceOf(QuotaExceeded.class);
        assertThat(sessions.countLive(alice.user(), clock.instant())).isEqualTo(2);
    }

    @Test
    void a_failing_upstream_ends_the_session_as_failed() {
        var relay = relays.start(alice, "openai", "");
        relay.observer().connected();
        relay.observer().ended(new RelayEnd(RelayEnd.Reason.UPSTREAM_ERROR, 1011, "upstream failed"));
        var id = SessionId.parse(relay.sessionRef()).orElseThrow();
        assertThat(sessions.find(id).orElseThrow().status()).isEqualTo(SessionStatus.FAILED);
        assertThat(sessions.find(id).orElseThrow().model()).isEmpty();
    }
}
