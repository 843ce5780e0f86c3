package io.voicegate.testkit;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.ConsentRequired;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.ProviderNotConfigured;
import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.provider.UnconfiguredProvider;
import io.voicegate.core.provider.UnknownProvider;
import io.voicegate.core.session.AppendTranscript;
import io.voicegate.core.session.CloseSession;
import io.voicegate.core.session.CreateSession;
import io.voicegate.core.session.EndActiveSessions;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.EndSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.GetTranscript;
import io.voicegate.core.session.InvalidSessionRequest;
import io.voicegate.core.session.ListSessions;
import io.voicegate.core.session.RecordTurn;
import io.voicegate.core.session.SessionConflict;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionNotFound;
import io.voicegate.core.session.SessionPolicy;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.StartSession;
import io.voicegate.core.session.StopStoringTranscripts;
import io.voicegate.core.session.SweepSessions;
import io.voicegate.core.session.TranscriptTooLarge;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.ApiUsageTotals;
import io.voicegate.core.usage.QuotaExceeded;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.RecordApiUsage;
import io.voicegate.core.usage.RecordUsage;
import io.voicegate.core.usage.SummariseUsage;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsagePricing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session, transcript and usage use cases over the in-memory stores. */
class SessionUseCasesTest {

    private static final RequestContext REQUEST = RequestContext.of("req_1", "203.0.113.9");

    private final MutableClock clock = MutableClock.at("2026-01-05T10:00:00Z");
    private final SequentialIds ids = new SequentialIds();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore();
    private final InMemoryUsageStore usage = new InMemoryUsageStore();
    private final InMemoryApiUsageStore apiUsage = new InMemoryApiUsageStore();
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, new InMemoryPseudonyms(), clock, ids, new byte[32]);
    private final FakeVoiceProvider fake = FakeVoiceProvider.standard(clock);
    private final ProviderRegistry registry = new ProviderRegistry(List.of(fake,
            new UnconfiguredProvider("dormant", new Capabilities(true, false, false), List.of(ConnectionMode.WEBSOCKET))));
    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(30), Duration.ofMinutes(2));
    private final UserId alice = new UserId(UUID.randomUUID());
    private final UserId bob = new UserId(UUID.randomUUID());

    private final InMemoryConsentStore consents = new InMemoryConsentStore();
    private final ConsentGate consentGate = new ConsentGate(consents, ConsentPolicy.of(2, 1));

    private QuotaLimits limits = QuotaLimits.defaults();

    {
        for (var user : List.of(alice, bob)) {
            Consents.grant(consents, ConsentPolicy.of(2, 1), user, clock.instant(), Purpose.values());
        }
    }

    private QuotaGuard quotas() {
        return new QuotaGuard(sessions, usage, UsagePricing.defaults(), limits);
    }

    private CreateSession create() {
        return new CreateSession(sessions, registry, quotas(), consentGate, policy, audit, clock, ids);
    }

    private CloseSession close() {
        return new CloseSession(sessions, audit, clock);
    }

    private VoiceSession newSession(UserId user) {
        return create().handle(new CreateSession.Command(user, "fake", Optional.empty(), Optional.empty(),
                Optional.empty(), "{}", REQUEST)).session();
    }

    private VoiceSession start(UserId user, VoiceSession session) {
        return new StartSession(sessions, audit, clock).handle(new StartSession.Command(user, session.id(), REQUEST));
    }

    private List<String> actions() {
        return auditLog.events().stream().map(AuditEvent::action).toList();
    }

    @Test
    void creating_a_session_mints_a_credential_and_stores_a_created_session_with_its_expiry() {
        var created = create().handle(new CreateSession.Command(alice, "fake", Optional.of("webrtc"),
                Optional.of("fake-voice-mini"), Optional.empty(), "{\"k\":1}", REQUEST));
        var session = created.session();
        assertThat(session.status()).isEqualTo(SessionStatus.CREATED);
        assertThat(session.mode()).isEqualTo(ConnectionMode.WEBRTC);
        assertThat(session.model()).contains("fake-voice-mini");
        assertThat(session.voice()).as("policy default").contains("alloy");
        assertThat(session.expiresAt()).isEqualTo(clock.instant().plusSeconds(60)).isEqualTo(created.connect().expiresAt());
        assertThat(created.connect().token()).isPresent();
        assertThat(created.connect().toString()).doesNotContain(created.connect().token().get());
        assertThat(sessions.find(session.id())).contains(session);
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.maxDuration()).isEqualTo(Duration.ofMinutes(30)));
        assertThat(auditLog.events()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("session.create");
            assertThat(e.resourceId()).contains(session.id().toString());
            assertThat(e.actor()).doesNotContain(alice.toString());
        });
    }

    @Test
    void an_unknown_provider_is_refused_listing_the_known_ones_and_an_unconfigured_one_is_unavailable() {
        assertThatThrownBy(() -> create().handle(new CreateSession.Command(alice, "nope", Optional.empty(),
                Optional.empty(), Optional.empty(), "{}", REQUEST)))
                .isInstanceOf(UnknownProvider.class).hasMessageContaining("fake, dormant")
                .satisfies(e -> assertThat(((VoicegateException) e).kind()).isEqualTo(VoicegateException.Kind.INVALID));
        assertThatThrownBy(() -> create().handle(new CreateSession.Command(alice, "dormant", Optional.empty(),
                Optional.empty(), Optional.empty(), "{}", REQUEST)))
                .isInstanceOf(ProviderNotConfigured.class)
                .satisfies(e -> assertThat(((VoicegateException) e).kind()).isEqualTo(VoicegateException.Kind.UNAVAILABLE));
        assertThat(sessions.listOwned(alice, Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void a_model_voice_or_mode_outside_policy_or_oversized_metadata_is_refused_naming_the_field_and_stores_nothing() {
        record Case(Optional<String> mode, Optional<String> model, Optional<String> voice, String metadata, String pointer) {}
        for (var c : List.of(
                new Case(Optional.of("carrier-pigeon"), Optional.empty(), Optional.empty(), "{}", "/mode"),
                new Case(Optional.empty(), Optional.of("gpt-9"), Optional.empty(), "{}", "/model"),
                new Case(Optional.empty(), Optional.empty(), Optional.of("robot"), "{}", "/voice"),
                new Case(Optional.empty(), Optional.empty(), Optional.empty(), "{\"a\":\"" + "x".repeat(4100) + "\"}", "/metadata"))) {
            assertThatThrownBy(() -> create().handle(new CreateSession.Command(alice, "fake", c.mode(), c.model(),
                    c.voice(), c.metadata(), REQUEST)))
                    .isInstanceOf(InvalidSessionRequest.class)
                    .satisfies(e -> assertThat(((VoicegateException) e).details()).containsEntry("pointer", c.pointer()));
        }
        assertThat(fake.requests()).isEmpty();
        assertThat(sessions.listOwned(alice, Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void the_concurrency_quota_counts_created_sessions_until_they_expire() {
        newSession(alice);
        newSession(alice);
        assertThatThrownBy(() -> newSession(alice)).isInstanceOf(QuotaExceeded.class)
                .satisfies(e -> assertThat(((QuotaExceeded) e).quota()).isEqualTo("concurrent_sessions"))
                .satisfies(e -> assertThat(((QuotaExceeded) e).kind()).isEqualTo(VoicegateException.Kind.RATE_LIMITED));
        assertThat(auditLog.events()).last().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.DENIED));
        newSession(bob);
        clock.advance(Duration.ofSeconds(60));
        assertThat(newSession(alice).status()).as("the two earlier credentials expired").isEqualTo(SessionStatus.CREATED);
    }

    @Test
    void start_and_end_are_idempotent_and_a_refused_transition_is_a_conflict() {
        var session = newSession(alice);
        clock.advance(Duration.ofSeconds(5));
        var started = start(alice, session);
        assertThat(started.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(start(alice, session)).isEqualTo(started);
        var end = new EndSession(sessions, audit, clock);
        clock.advance(Duration.ofSeconds(30));
        var ended = end.handle(new EndSession.Command(alice, session.id(), REQUEST));
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(ended.endReason()).contains(EndReason.ENDED_BY_USER);
        clock.advance(Duration.ofSeconds(30));
        assertThat(end.handle(new EndSession.Command(alice, session.id(), REQUEST))).isEqualTo(ended);
        assertThatThrownBy(() -> start(alice, session)).isInstanceOf(SessionConflict.class)
                .satisfies(e -> assertThat(((VoicegateException) e).kind()).isEqualTo(VoicegateException.Kind.CONFLICT));
    }

    @Test
    void a_session_whose_credential_expired_before_connecting_cannot_start() {
        var session = newSession(alice);
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> start(alice, session)).isInstanceOf(SessionConflict.class);
    }

    @Test
    void someone_elses_session_is_not_found_for_every_operation() {
        var session = newSession(alice);
        var get = new GetSession(sessions, audit);
        assertThatThrownBy(() -> get.handle(new GetSession.Query(bob, session.id(), REQUEST))).isInstanceOf(SessionNotFound.class);
        assertThatThrownBy(() -> start(bob, session)).isInstanceOf(SessionNotFound.class);
        assertThatThrownBy(() -> new EndSession(sessions, audit, clock).handle(new EndSession.Command(bob, session.id(), REQUEST)))
                .isInstanceOf(SessionNotFound.class);
        assertThatThrownBy(() -> new GetTranscript(sessions, transcripts, audit).handle(new GetTranscript.Query(bob, session.id(), REQUEST)))
                .isInstanceOf(SessionNotFound.class);
        assertThatThrownBy(() -> get.handle(new GetSession.Query(alice, new SessionId(UUID.randomUUID()), REQUEST)))
                .isInstanceOf(SessionNotFound.class);
        assertThat(sessions.find(session.id())).contains(session);
        assertThat(auditLog.events()).filteredOn(e -> e.outcome() == Outcome.DENIED).hasSize(5);
    }

    @Test
    void lists_newest_first_a_page_at_a_time() {
        limits = new QuotaLimits(Optional.empty(), Optional.empty(), 100);
        var created = new ArrayList<VoiceSession>();
        for (int i = 0; i < 12; i++) {
            created.add(0, newSession(alice));
            clock.advance(Duration.ofMillis(1));
        }
        var list = new ListSessions(sessions, audit);
        var first = list.handle(new ListSessions.Query(alice, Optional.empty(), Optional.empty(), Optional.empty(), REQUEST));
        assertThat(first.sessions()).containsExactlyElementsOf(created.subList(0, 10));
        var second = list.handle(new ListSessions.Query(alice, Optional.empty(), Optional.empty(), first.nextCursor(), REQUEST));
        assertThat(second.sessions()).containsExactlyElementsOf(created.subList(10, 12));
        assertThat(second.nextCursor()).isEmpty();
        assertThat(list.handle(new ListSessions.Query(alice, Optional.of("active"), Optional.of(5), Optional.empty(), REQUEST)).sessions()).isEmpty();
        for (var bad : List.of(
                new ListSessions.Query(alice, Optional.of("sleeping"), Optional.empty(), Optional.empty(), REQUEST),
                new ListSessions.Query(alice, Optional.empty(), Optional.of(101), Optional.empty(), REQUEST),
                new ListSessions.Query(alice, Optional.empty(), Optional.of(0), Optional.empty(), REQUEST),
                new ListSessions.Query(alice, Optional.empty(), Optional.empty(), Optional.of("not-a-cursor"), REQUEST))) {
            assertThatThrownBy(() -> list.handle(bad)).isInstanceOf(InvalidSessionRequest.class);
        }
    }

    @Test
    void a_client_transcript_merges_with_server_turns_without_duplicates() {
        var session = start(alice, newSession(alice));
        var t = clock.instant();
        var record = new RecordTurn(sessions, transcripts);
        assertThat(record.handle(new Turn(session.id(), "item_a", TurnRole.USER, "Hello there", t, t.plusSeconds(1)))).isTrue();
        assertThat(record.handle(new Turn(session.id(), "item_a", TurnRole.USER, "Hello there", t, t.plusSeconds(1)))).isFalse();
        var append = new AppendTranscript(sessions, transcripts, audit);
        var messages = List.of(
                new AppendTranscript.Message(TurnRole.USER, "hello  there", t),
                new AppendTranscript.Message(TurnRole.ASSISTANT, "Hi! How can I help?", t.plusSeconds(2)),
                new AppendTranscript.Message(TurnRole.ASSISTANT, "Hi! How can I help?", t.plusSeconds(2)));
        var result = append.handle(new AppendTranscript.Command(alice, session.id(), messages, REQUEST));
        assertThat(result.added()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(2);
        assertThat(append.handle(new AppendTranscript.Command(alice, session.id(), messages, REQUEST)).added()).isZero();
        var transcript = new GetTranscript(sessions, transcripts, audit).handle(new GetTranscript.Query(alice, session.id(), REQUEST));
        assertThat(transcript.turns()).extracting(Turn::text).containsExactly("Hello there", "Hi! How can I help?");

        record.handle(new Turn(session.id(), "item_yes", TurnRole.USER, "Yes", t.plusSeconds(3), t.plusSeconds(4)));
        var saidTwice = List.of(new AppendTranscript.Message(TurnRole.USER, "Yes", t.plusSeconds(3)),
                new AppendTranscript.Message(TurnRole.USER, "yes", t.plusSeconds(8)));
        assertThat(append.handle(new AppendTranscript.Command(alice, session.id(), saidTwice, REQUEST)).added())
                .as("the server captured one 'yes'; the second is a turn of its own").isEqualTo(1);
        assertThat(append.handle(new AppendTranscript.Command(alice, session.id(), saidTwice, REQUEST)).added()).isZero();
        assertThat(transcripts.turns(session.id())).extracting(Turn::text).containsExactly("Hello there", "Hi! How can I help?", "Yes", "yes");
        assertThat(actions()).contains("transcript.append", "transcript.read");
    }

    @Test
    void without_current_voice_processing_consent_no_session_is_minted_or_stored_and_the_refusal_is_audited() {
        var carol = new UserId(UUID.randomUUID());
        Consents.grant(consents, ConsentPolicy.of(1, 1), carol, clock.instant(), Purpose.values());
        assertThatThrownBy(() -> newSession(carol)).as("an answer to an older policy version is not enough")
                .isInstanceOf(ConsentRequired.class)
                .satisfies(e -> assertThat(((ConsentRequired) e).purpose()).isEqualTo(Purpose.VOICE_PROCESSING))
                .satisfies(e -> assertThat(((ConsentRequired) e).requiredVersion()).isEqualTo(2));
        assertThat(fake.requests()).as("no credential minted").isEmpty();
        assertThat(sessions.listOwned(carol, Optional.empty(), Optional.empty(), 10)).isEmpty();
        assertThat(auditLog.events()).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("session.create");
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(e.detail()).contains("consent_required");
        });

        Consents.grant(consents, ConsentPolicy.of(2, 1), carol, clock.instant().plusSeconds(1), Purpose.VOICE_PROCESSING);
        Consents.withdraw(consents, ConsentPolicy.of(2, 1), carol, clock.instant().plusSeconds(2), Purpose.VOICE_PROCESSING);
        assertThatThrownBy(() -> newSession(carol)).as("a withdrawal wins over an earlier grant")
                .isInstanceOf(ConsentRequired.class);
    }

    @Test
    void without_transcript_storage_consent_no_transcript_text_is_stored_but_usage_is() {
        Consents.withdraw(consents, ConsentPolicy.of(2, 1), alice, clock.instant().plusSeconds(1), Purpose.TRANSCRIPT_STORAGE);
        clock.advance(Duration.ofSeconds(2));
        var session = start(alice, newSession(alice));
        assertThat(session.transcriptStored()).isFalse();
        var t = clock.instant();
        assertThat(new RecordTurn(sessions, transcripts).handle(new Turn(session.id(), "item_a", TurnRole.USER,
                "My card number is 4111", t, t))).as("a server-captured turn").isFalse();
        var upload = new AppendTranscript(sessions, transcripts, audit).handle(new AppendTranscript.Command(alice,
                session.id(), List.of(new AppendTranscript.Message(TurnRole.USER, "My card number is 4111", t)), REQUEST));
        assertThat(upload.stored()).isFalse();
        assertThat(upload.added()).isZero();
        new RecordUsage(sessions, usage, quotas(), close(), clock, ids)
                .handle(new RecordUsage.Command(session.id(), Optional.empty(), new Usage(5, 5, 0, 0, 0, 0, 0)));

        assertThat(transcripts.turns(session.id())).isEmpty();
        assertThat(usage.forSession(session.id())).hasSize(1);
        var transcript = new GetTranscript(sessions, transcripts, audit).handle(new GetTranscript.Query(alice, session.id(), REQUEST));
        assertThat(transcript.session().transcriptStored()).isFalse();
        assertThat(transcript.turns()).isEmpty();
        assertThat(auditLog.events()).filteredOn(e -> e.action().equals("transcript.append")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("not_stored"));

        Consents.grant(consents, ConsentPolicy.of(2, 1), alice, clock.instant(), Purpose.TRANSCRIPT_STORAGE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(newSession(alice).transcriptStored()).as("a later session follows the new answer").isTrue();
    }

    @Test
    void withdrawing_transcript_storage_makes_the_users_live_sessions_keep_no_more_text() {
        var ended = newSession(alice);
        new EndSession(sessions, audit, clock).handle(new EndSession.Command(alice, ended.id(), REQUEST));
        var active = start(alice, newSession(alice));
        var created = newSession(alice);
        var bobs = newSession(bob);
        var record = new RecordTurn(sessions, transcripts);
        var t = clock.instant();
        assertThat(record.handle(new Turn(active.id(), "item_1", TurnRole.USER, "before", t, t))).isTrue();

        int changed = new StopStoringTranscripts(sessions, audit).handle(alice, REQUEST);

        assertThat(changed).isEqualTo(2);
        assertThat(sessions.find(active.id()).orElseThrow().transcriptStored()).isFalse();
        assertThat(sessions.find(created.id()).orElseThrow().transcriptStored()).isFalse();
        assertThat(sessions.find(ended.id()).orElseThrow().transcriptStored()).as("a session that is over is history").isTrue();
        assertThat(sessions.find(bobs.id()).orElseThrow().transcriptStored()).isTrue();
        assertThat(record.handle(new Turn(active.id(), "item_2", TurnRole.USER, "after", t, t))).isFalse();
        assertThat(transcripts.turns(active.id())).extracting(Turn::text).containsExactly("before");
        assertThat(auditLog.events()).filteredOn(e -> e.action().equals("transcript.storage_stopped")).hasSize(2);
        assertThat(new StopStoringTranscripts(sessions, audit).handle(alice, REQUEST)).as("idempotent").isZero();
    }

    @Test
    void an_oversized_transcript_is_refused_whole() {
        var session = start(alice, newSession(alice));
        var append = new AppendTranscript(sessions, transcripts, audit);
        var t = clock.instant();
        var tooMany = new ArrayList<AppendTranscript.Message>();
        for (int i = 0; i <= AppendTranscript.MAX_MESSAGES; i++) tooMany.add(new AppendTranscript.Message(TurnRole.USER, "m" + i, t));
        assertThatThrownBy(() -> append.handle(new AppendTranscript.Command(alice, session.id(), tooMany, REQUEST)))
                .isInstanceOf(TranscriptTooLarge.class);
        var oneTooLong = List.of(new AppendTranscript.Message(TurnRole.USER, "fine", t),
                new AppendTranscript.Message(TurnRole.ASSISTANT, "x".repeat(64 * 1024 + 1), t));
        assertThatThrownBy(() -> append.handle(new AppendTranscript.Command(alice, session.id(), oneTooLong, REQUEST)))
                .isInstanceOf(TranscriptTooLarge.class)
                .satisfies(e -> assertThat(((VoicegateException) e).details()).containsEntry("pointer", "/messages/1/content"));
        assertThat(transcripts.turns(session.id())).isEmpty();
    }

    @Test
    void the_sweeper_expires_unconnected_sessions_and_ends_overlong_ones() {
        limits = new QuotaLimits(Optional.empty(), Optional.empty(), 10);
        var neverConnected = newSession(alice);
        var longTalk = start(alice, newSession(alice));
        var sweep = new SweepSessions(sessions, close(), policy, audit, clock);
        assertThat(sweep.handle()).isEqualTo(new SweepSessions.Swept(0, 0));
        clock.advance(Duration.ofSeconds(60));
        assertThat(sweep.handle()).isEqualTo(new SweepSessions.Swept(1, 0));
        assertThat(sessions.find(neverConnected.id()).orElseThrow().status()).isEqualTo(SessionStatus.EXPIRED);
        clock.advance(Duration.ofMinutes(28));
        assertThat(sweep.handle()).isEqualTo(new SweepSessions.Swept(0, 0));
        clock.advance(Duration.ofMinutes(1));
        assertThat(sweep.handle()).isEqualTo(new SweepSessions.Swept(0, 1));
        var ended = sessions.find(longTalk.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(ended.endReason()).contains(EndReason.MAX_DURATION);
        assertThat(actions()).contains("session.expire", "session.end");
    }

    @Test
    void ending_all_active_sessions_uses_the_reason_given_and_leaves_others_alone() {
        limits = new QuotaLimits(Optional.empty(), Optional.empty(), 10);
        var active = start(alice, newSession(alice));
        var alsoActive = start(bob, newSession(bob));
        var created = newSession(alice);
        assertThat(new EndActiveSessions(sessions, close()).handle(EndReason.INTERRUPTED)).isEqualTo(2);
        assertThat(sessions.find(active.id()).orElseThrow().endReason()).contains(EndReason.INTERRUPTED);
        assertThat(sessions.find(alsoActive.id()).orElseThrow().endReason()).contains(EndReason.INTERRUPTED);
        assertThat(sessions.find(created.id()).orElseThrow().status()).isEqualTo(SessionStatus.CREATED);
        assertThat(new EndActiveSessions(sessions, close()).handle(EndReason.SERVER_SHUTDOWN)).isZero();
    }

    @Test
    void a_live_session_that_crosses_the_daily_cost_quota_is_ended_with_quota_exhausted() {
        limits = new QuotaLimits(Optional.empty(), Optional.of(1.00), 2);
        var session = start(alice, newSession(alice));
        var recordUsage = new RecordUsage(sessions, usage, quotas(), close(), clock, ids);
        var small = recordUsage.handle(new RecordUsage.Command(session.id(), Optional.empty(), new Usage(0, 0, 0, 0, 1_000, 1_000, 0)));
        assertThat(small.endedForQuota()).isEmpty();
        assertThat(small.record()).isPresent();
        var big = recordUsage.handle(new RecordUsage.Command(session.id(), Optional.empty(), new Usage(0, 0, 0, 0, 0, 0, 0)));
        assertThat(big.endedForQuota()).as("fake provider has no price").isEmpty();
        limits = new QuotaLimits(Optional.of(1), Optional.empty(), 2);
        clock.advance(Duration.ofSeconds(61));
        var crossing = new RecordUsage(sessions, usage, quotas(), close(), clock, ids)
                .handle(new RecordUsage.Command(session.id(), Optional.empty(), new Usage(61, 30, 0, 0, 0, 0, 0)));
        assertThat(crossing.endedForQuota()).hasValueSatisfying(s -> assertThat(s.endReason()).contains(EndReason.QUOTA_EXHAUSTED));
        assertThatThrownBy(() -> newSession(alice)).isInstanceOf(QuotaExceeded.class)
                .satisfies(e -> assertThat(((QuotaExceeded) e).quota()).isEqualTo("daily_minutes"))
                .satisfies(e -> assertThat(((QuotaExceeded) e).retryAfter()).isPresent());
    }

    @Test
    void openai_usage_is_priced_by_default_and_summarised_per_provider_with_remaining_quota() {
        limits = new QuotaLimits(Optional.of(60), Optional.of(5.0), 2);
        var openAi = new FakeVoiceProvider("openai", true, List.of(ConnectionMode.RELAY), List.of("gpt-realtime"),
                List.of("marin"), Duration.ofSeconds(60), clock);
        var create = new CreateSession(sessions, new ProviderRegistry(List.of(openAi)), quotas(), consentGate,
                policy, audit, clock, ids);
        var session = create.handle(new CreateSession.Command(alice, "openai", Optional.empty(), Optional.empty(),
                Optional.empty(), "{}", REQUEST)).session();
        start(alice, session);
        clock.advance(Duration.ofMinutes(3));
        new RecordUsage(sessions, usage, quotas(), close(), clock, ids).handle(new RecordUsage.Command(session.id(),
                Optional.empty(), new Usage(0, 0, 1_000_000, 0, 0, 1_000_000, 0)));
        clock.advance(Duration.ofMillis(1));
        var summary = new SummariseUsage(sessions, usage, apiUsage, UsagePricing.defaults(), quotas(), audit, clock)
                .handle(new SummariseUsage.Query(alice, Optional.empty(), Optional.empty(), REQUEST));
        assertThat(summary.providers()).singleElement().satisfies(line -> {
            assertThat(line.provider()).isEqualTo("openai");
            assertThat(line.sessions()).isEqualTo(1);
            assertThat(line.minutes()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.001));
            assertThat(line.costUsd()).isEqualTo(4 + 64.0);
            assertThat(line.priced()).isTrue();
        });
        assertThat(summary.total().costUsd()).isEqualTo(68.0);
        assertThat(summary.quotas().minutesRemaining()).hasValueSatisfying(m -> assertThat(m).isCloseTo(57.0, org.assertj.core.data.Offset.offset(0.001)));
        assertThat(summary.quotas().costRemainingUsd()).contains(0.0);
    }

    @Test
    void chat_completion_tokens_are_recorded_for_the_user_and_summarised_beside_sessions_without_a_cost() {
        var record = new RecordApiUsage(apiUsage, clock, ids);
        var kept = record.handle(new RecordApiUsage.Command(alice, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini", 9, 12));
        clock.advance(Duration.ofMinutes(1));
        record.handle(new RecordApiUsage.Command(alice, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini", 5, 2));
        record.handle(new RecordApiUsage.Command(bob, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini", 100, 100));
        clock.advance(Duration.ofDays(1));
        record.handle(new RecordApiUsage.Command(alice, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini", 1000, 1000));

        assertThat(kept.user()).isEqualTo(alice);
        assertThat(kept.at()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(kept.endpoint().wire()).isEqualTo("chat_completions");
        var summary = new SummariseUsage(sessions, usage, apiUsage, UsagePricing.defaults(), quotas(), audit, clock)
                .handle(new SummariseUsage.Query(alice, Optional.of(Instant.parse("2026-01-05T00:00:00Z")),
                        Optional.of(Instant.parse("2026-01-06T00:00:00Z")), REQUEST));
        assertThat(summary.providers()).singleElement().satisfies(line -> {
            assertThat(line.provider()).isEqualTo("openai");
            assertThat(line.sessions()).isZero();
            assertThat(line.api().get(ApiEndpoint.CHAT_COMPLETIONS)).isEqualTo(new ApiUsageTotals(2, 14, 14));
            assertThat(line.usage()).isEqualTo(Usage.NONE);
            assertThat(line.costUsd()).as("API calls are not priced").isZero();
        });
        assertThat(summary.total().api().get(ApiEndpoint.CHAT_COMPLETIONS).totalTokens()).isEqualTo(28);
    }
}
