package io.voicegate.testkit;

import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.UnmatchedWebhook;
import io.voicegate.core.postcall.WebhookEvents;
import io.voicegate.core.session.SessionRef;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link WebhookEvents} must do; run against the in-memory fake and each real adapter. */
public abstract class WebhookEventsContract {

    protected abstract WebhookEvents events();

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SessionRef REF = new SessionRef("Zm9vYmFyYmF6cXV4MTIzNA");

    private static String key() {
        return "test:report:" + UUID.randomUUID();
    }

    private static UnmatchedWebhook unmatched(String key, String conversation, Optional<SessionRef> ref, Instant at) {
        return new UnmatchedWebhook(key, new CallRef("test", conversation, ref), at,
                ("{\"conversation\":\"" + conversation + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void an_event_is_claimed_once() {
        var key = key();
        assertThat(events().claim(key, T0)).isTrue();
        assertThat(events().claim(key, T0.plusSeconds(1))).isFalse();
    }

    @Test
    void a_released_claim_can_be_claimed_again() {
        var key = key();
        events().claim(key, T0);
        events().release(key);
        assertThat(events().claim(key, T0)).isTrue();
    }

    @Test
    void unmatched_events_are_found_by_conversation_and_by_reference_oldest_first() {
        var conversation = "conv_" + UUID.randomUUID();
        var later = unmatched(key(), conversation, Optional.of(REF), T0.plusSeconds(5));
        var earlier = unmatched(key(), conversation, Optional.empty(), T0);
        events().keepUnmatched(later);
        events().keepUnmatched(earlier);

        assertThat(events().unmatchedByConversation("test", conversation)).extracting(UnmatchedWebhook::eventKey)
                .containsExactly(earlier.eventKey(), later.eventKey());
        assertThat(events().unmatchedByConversation("other", conversation)).isEmpty();
        assertThat(events().unmatchedBySessionRef(REF)).extracting(UnmatchedWebhook::eventKey)
                .contains(later.eventKey()).doesNotContain(earlier.eventKey());
    }

    @Test
    void a_kept_event_keeps_its_exact_body_and_reference() {
        var conversation = "conv_" + UUID.randomUUID();
        var kept = unmatched(key(), conversation, Optional.of(REF), T0);
        events().keepUnmatched(kept);
        assertThat(events().unmatchedByConversation("test", conversation)).singleElement().satisfies(found -> {
            assertThat(found.body()).isEqualTo(kept.body());
            assertThat(found.sessionRef()).contains(REF);
            assertThat(found.receivedAt()).isEqualTo(T0);
        });
    }

    @Test
    void keeping_the_same_event_twice_keeps_it_once_and_discarding_forgets_it() {
        var conversation = "conv_" + UUID.randomUUID();
        var kept = unmatched(key(), conversation, Optional.empty(), T0);
        events().keepUnmatched(kept);
        events().keepUnmatched(kept);
        assertThat(events().unmatchedByConversation("test", conversation)).hasSize(1);
        events().discardUnmatched(kept.eventKey());
        assertThat(events().unmatchedByConversation("test", conversation)).isEmpty();
    }

    @Test
    void old_claims_and_old_unmatched_events_are_swept_and_newer_ones_stay() {
        var old = key();
        var fresh = key();
        events().claim(old, T0);
        events().claim(fresh, T0.plusSeconds(3600));
        var conversation = "conv_" + UUID.randomUUID();
        var oldKept = unmatched(key(), conversation, Optional.empty(), T0);
        var freshKept = unmatched(key(), conversation, Optional.empty(), T0.plusSeconds(3600));
        events().keepUnmatched(oldKept);
        events().keepUnmatched(freshKept);

        assertThat(events().forgetClaimsBefore(T0.plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(events().discardUnmatchedBefore(T0.plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(events().claim(old, T0.plusSeconds(7200))).isTrue();
        assertThat(events().claim(fresh, T0.plusSeconds(7200))).isFalse();
        assertThat(events().unmatchedByConversation("test", conversation)).extracting(UnmatchedWebhook::eventKey)
                .containsExactly(freshKept.eventKey());
    }
}
