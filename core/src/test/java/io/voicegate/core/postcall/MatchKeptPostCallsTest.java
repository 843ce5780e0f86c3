package io.voicegate.core.postcall;

import io.voicegate.core.session.SessionRef;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MatchKeptPostCallsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final SessionRef REF = new SessionRef("AAAAAAAAAAAAAAAAAAAAAA");

    private final Map<String, UnmatchedWebhook> kept = new LinkedHashMap<>();
    private final List<PostCallEvent.OfCall> delivered = new ArrayList<>();
    private final Set<String> knownConversations = new HashSet<>();

    private final WebhookEvents events = new WebhookEvents() {
        public boolean claim(String eventKey, Instant at) { return true; }
        public void release(String eventKey) { }
        public void keepUnmatched(UnmatchedWebhook event) { kept.put(event.eventKey(), event); }
        public List<UnmatchedWebhook> unmatchedByConversation(String provider, String conversationId) {
            return kept.values().stream().filter(e -> e.conversationId().equals(conversationId)).toList();
        }
        public List<UnmatchedWebhook> unmatchedBySessionRef(SessionRef ref) {
            return kept.values().stream().filter(e -> e.sessionRef().equals(Optional.of(ref))).toList();
        }
        public void discardUnmatched(String eventKey) { kept.remove(eventKey); }
        public int forgetClaimsBefore(Instant cutoff) { return 0; }
        public int discardUnmatchedBefore(Instant cutoff) { return 0; }
    };

    /** Bodies are the conversation id. */
    private final PostCallParser parser = body -> new PostCallEvent.InitiationFailure(
            new CallRef("test", new String(body, StandardCharsets.UTF_8), Optional.of(REF)), T, "busy");

    private final PostCallSink sink = event -> {
        if (!knownConversations.contains(event.call().conversationId())) return PostCallSink.Delivery.NO_MATCHING_SESSION;
        delivered.add(event);
        return PostCallSink.Delivery.RECORDED;
    };

    private void keep(String conversation, Optional<SessionRef> ref) {
        events.keepUnmatched(new UnmatchedWebhook("test:initiation_failure:" + conversation,
                new CallRef("test", conversation, ref), T, conversation.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void delivers_and_forgets_kept_events_once_their_session_is_known() {
        keep("conv_a", Optional.empty());
        keep("conv_b", Optional.of(REF));
        var match = new MatchKeptPostCalls(events, Map.of("test", parser), sink);

        assertThat(match.handle("test", "conv_a", Optional.of(REF))).isZero();
        assertThat(kept).hasSize(2);

        knownConversations.add("conv_a");
        knownConversations.add("conv_b");
        assertThat(match.handle("test", "conv_a", Optional.of(REF))).isEqualTo(2);
        assertThat(delivered).extracting(e -> e.call().conversationId()).containsExactly("conv_a", "conv_b");
        assertThat(kept).isEmpty();
    }
}
