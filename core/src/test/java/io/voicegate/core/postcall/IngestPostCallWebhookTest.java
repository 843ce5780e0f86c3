package io.voicegate.core.postcall;

import io.voicegate.core.session.SessionRef;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestPostCallWebhookTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final CallRef KNOWN = new CallRef("test", "conv_known", Optional.empty());
    private static final CallRef UNKNOWN = new CallRef("test", "conv_unknown", Optional.empty());

    private final List<PostCallEvent> delivered = new ArrayList<>();
    private final KeptEvents events = new KeptEvents();
    private final AtomicInteger parsed = new AtomicInteger();
    private RuntimeException sinkFailure;

    private final PostCallSink sink = event -> {
        if (sinkFailure != null) throw sinkFailure;
        if (!event.eventKey().contains("conv_known")) return PostCallSink.Delivery.NO_MATCHING_SESSION;
        delivered.add(event);
        return PostCallSink.Delivery.RECORDED;
    };

    /** Bodies are "kind:conversation" for this test; the header "sig: ok" is the only valid signature. */
    private final PostCallParser parser = body -> {
        parsed.incrementAndGet();
        var parts = new String(body, StandardCharsets.UTF_8).split(":");
        var call = new CallRef("test", parts[1], Optional.empty());
        return switch (parts[0]) {
            case "report" -> new PostCallEvent.Report(call, NOW, "done", List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), false);
            case "audio" -> new PostCallEvent.Audio(call, NOW, "audio/mpeg", new byte[]{1, 2});
            case "failure" -> new PostCallEvent.InitiationFailure(call, NOW, "busy");
            default -> new PostCallEvent.Unsupported("test", parts[0]);
        };
    };
    private final WebhookVerifier verifier = request -> {
        if (!request.header("SIG").equals(Optional.of("ok"))) {
            throw new WebhookRejected(WebhookRejected.Reason.MISMATCH);
        }
    };

    private IngestPostCallWebhook useCase(boolean storeAudio) {
        return new IngestPostCallWebhook(verifier, parser, sink, events, Clock.fixed(NOW, ZoneOffset.UTC), storeAudio);
    }

    private static WebhookRequest signed(String body) {
        return WebhookRequest.of(Map.of("sig", "ok"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verifies_before_parsing_anything() {
        var unsigned = WebhookRequest.of(Map.of(), "report:conv_known".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> useCase(false).handle(unsigned)).isInstanceOf(WebhookRejected.class);
        assertThat(parsed).hasValue(0);
        assertThat(delivered).isEmpty();
    }

    @Test
    void records_a_report_once_and_answers_duplicate_for_a_replay() {
        var ingest = useCase(false);
        assertThat(ingest.handle(signed("report:conv_known"))).isEqualTo(IngestPostCallWebhook.Disposition.RECORDED);
        assertThat(ingest.handle(signed("report:conv_known"))).isEqualTo(IngestPostCallWebhook.Disposition.DUPLICATE);
        assertThat(delivered).hasSize(1);
    }

    @Test
    void keeps_an_event_for_an_unknown_conversation_with_its_verified_body() {
        var disposition = useCase(false).handle(signed("failure:conv_unknown"));
        assertThat(disposition).isEqualTo(IngestPostCallWebhook.Disposition.KEPT_UNMATCHED);
        assertThat(events.unmatchedByConversation("test", "conv_unknown")).singleElement().satisfies(kept -> {
            assertThat(kept.call()).isEqualTo(UNKNOWN);
            assertThat(new String(kept.body(), StandardCharsets.UTF_8)).isEqualTo("failure:conv_unknown");
            assertThat(kept.receivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void audio_is_only_acknowledged_unless_audio_is_stored() {
        assertThat(useCase(false).handle(signed("audio:conv_known"))).isEqualTo(IngestPostCallWebhook.Disposition.IGNORED);
        assertThat(delivered).isEmpty();
        assertThat(useCase(true).handle(signed("audio:conv_known"))).isEqualTo(IngestPostCallWebhook.Disposition.RECORDED);
        assertThat(delivered).singleElement().isInstanceOf(PostCallEvent.Audio.class);
    }

    @Test
    void unsupported_types_are_acknowledged_and_ignored() {
        assertThat(useCase(false).handle(signed("unredacted_transcript:conv_known")))
                .isEqualTo(IngestPostCallWebhook.Disposition.IGNORED);
        assertThat(delivered).isEmpty();
    }

    @Test
    void a_failed_delivery_releases_the_claim_so_a_redelivery_is_processed() {
        sinkFailure = new IllegalStateException("database down");
        assertThatThrownBy(() -> useCase(false).handle(signed("report:conv_known"))).isSameAs(sinkFailure);
        sinkFailure = null;
        assertThat(useCase(false).handle(signed("report:conv_known"))).isEqualTo(IngestPostCallWebhook.Disposition.RECORDED);
    }

    @Test
    void a_sweep_forgets_old_claims_and_old_unmatched_events_only() {
        events.claim("old", NOW.minus(java.time.Duration.ofDays(2)));
        events.claim("new", NOW);
        events.keepUnmatched(new UnmatchedWebhook("kept_old", UNKNOWN, NOW.minus(java.time.Duration.ofDays(31)), new byte[0]));
        events.keepUnmatched(new UnmatchedWebhook("kept_new", UNKNOWN, NOW.minus(java.time.Duration.ofDays(1)), new byte[0]));
        var sweep = new SweepWebhookEvents(events, Clock.fixed(NOW, ZoneOffset.UTC), java.time.Duration.ofDays(1),
                java.time.Duration.ofDays(30));

        assertThat(sweep.handle()).isEqualTo(new SweepWebhookEvents.Swept(1, 1));
        assertThat(events.claim("old", NOW)).isTrue();
        assertThat(events.claim("new", NOW)).isFalse();
        assertThat(events.unmatchedByConversation("test", "conv_unknown")).extracting(UnmatchedWebhook::eventKey)
                .containsExactly("kept_new");
    }

    @Test
    void event_keys_name_provider_kind_and_conversation() {
        assertThat(new PostCallEvent.InitiationFailure(KNOWN, NOW, "busy").eventKey())
                .isEqualTo("test:initiation_failure:conv_known");
        assertThat(new PostCallEvent.Report(new CallRef("test", "c", Optional.of(new SessionRef("AAAAAAAAAAAAAAAAAAAAAA"))),
                NOW, "done", List.of(), Optional.empty(), Optional.empty(), Optional.empty(), true).eventKey())
                .isEqualTo("test:report:c");
    }

    private static final class KeptEvents implements WebhookEvents {
        private final Map<String, Instant> claims = new LinkedHashMap<>();
        private final Map<String, UnmatchedWebhook> unmatched = new LinkedHashMap<>();

        @Override
        public boolean claim(String eventKey, Instant at) {
            return claims.putIfAbsent(eventKey, at) == null;
        }

        @Override
        public void release(String eventKey) {
            claims.remove(eventKey);
        }

        @Override
        public void keepUnmatched(UnmatchedWebhook event) {
            unmatched.putIfAbsent(event.eventKey(), event);
        }

        @Override
        public List<UnmatchedWebhook> unmatchedByConversation(String provider, String conversationId) {
            return unmatched.values().stream()
                    .filter(e -> e.provider().equals(provider) && e.conversationId().equals(conversationId)).toList();
        }

        @Override
        public List<UnmatchedWebhook> unmatchedBySessionRef(SessionRef ref) {
            return unmatched.values().stream().filter(e -> e.sessionRef().equals(Optional.of(ref))).toList();
        }

        @Override
        public void discardUnmatched(String eventKey) {
            unmatched.remove(eventKey);
        }

        @Override
        public int forgetClaimsBefore(Instant cutoff) {
            int before = claims.size();
            claims.values().removeIf(at -> at.isBefore(cutoff));
            return before - claims.size();
        }

        @Override
        public int discardUnmatchedBefore(Instant cutoff) {
            int before = unmatched.size();
            unmatched.values().removeIf(e -> e.receivedAt().isBefore(cutoff));
            return before - unmatched.size();
        }
    }
}
