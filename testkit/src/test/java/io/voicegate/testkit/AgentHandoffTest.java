package io.voicegate.testkit;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.postcall.CallRecords;
import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.Cost;
import io.voicegate.core.postcall.MatchKeptPostCalls;
import io.voicegate.core.postcall.PostCallEvent;
import io.voicegate.core.postcall.RecordPostCall;
import io.voicegate.core.postcall.UnmatchedWebhook;
import io.voicegate.core.provider.ClientCredential;
import io.voicegate.core.session.AgentHandoff;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a session hands its agent, and a report kept before the session knew its conversation being matched later. */
class AgentHandoffTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final SessionRef REF = new SessionRef("AAAAAAAAAAAAAAAAAAAAAA");

    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryTranscriptStore transcripts = new InMemoryTranscriptStore();
    private final InMemorySessionRefs refs = new InMemorySessionRefs();
    private final InMemoryWebhookEvents events = new InMemoryWebhookEvents();
    private final CallRecords calls = new CallRecords() {
        @Override
        public void recordCost(SessionId session, Cost cost) {
        }

        @Override
        public void keepAudio(SessionId session, String mediaType, byte[] audio, Instant receivedAt) {
        }
    };
    private final RecordPostCall sink = new RecordPostCall(sessions, transcripts, new InMemoryUsageStore(), refs, calls,
            new AuditTrail(new InMemoryAuditLog(), new InMemoryPseudonyms(), MutableClock.at(T0), new SequentialIds(), new byte[32]));
    /** Parses any kept body as a one-line report of conversation conv_1. */
    private final MatchKeptPostCalls match = new MatchKeptPostCalls(events, Map.of("fake", body -> new PostCallEvent.Report(
            new CallRef("fake", "conv_1", Optional.empty()), T0, "done",
            java.util.List.of(new io.voicegate.core.postcall.ReportedTurn(io.voicegate.core.postcall.Speaker.USER,
                    new String(body, StandardCharsets.UTF_8), java.time.Duration.ZERO)),
            Optional.empty(), Optional.empty(), Optional.empty(), false)), sink);
    private final AgentHandoff handoff = new AgentHandoff(() -> REF, refs,
            user -> Map.of("user_pseudonym", "psn_1", "user_name", "Ada"),
            (provider, conversation, ref) -> match.handle(provider, conversation, Optional.of(ref)));
    private final UserId alice = new UserId(UUID.randomUUID());

    @Test
    void the_agent_gets_the_reference_and_the_minimal_user_facts_never_the_session_id() {
        var prepared = handoff.prepare(alice);
        assertThat(prepared.variables()).containsOnlyKeys("voicegate_session_ref", "user_pseudonym", "user_name")
                .containsEntry("voicegate_session_ref", REF.value());
    }

    @Test
    void a_relay_recalls_the_reference_bound_at_creation_with_the_users_variables() {
        var session = Sessions.created(alice, T0);
        sessions.insert(session);
        assertThat(handoff.recall(session)).isEmpty();
        var prepared = handoff.prepare(alice);
        handoff.bind(prepared, session, new ClientCredential("relay", Optional.of("/relay"), Optional.empty(),
                T0.plusSeconds(120), Map.of()));

        var recalled = handoff.recall(session).orElseThrow();
        assertThat(recalled.ref()).isEqualTo(REF);
        assertThat(recalled.variables()).isEqualTo(prepared.variables());
    }

    @Test
    void a_report_kept_before_the_session_knew_its_conversation_is_delivered_once_it_does() {
        events.keepUnmatched(new UnmatchedWebhook("fake:report:conv_1", new CallRef("fake", "conv_1", Optional.empty()),
                T0, "Hello".getBytes(StandardCharsets.UTF_8)));
        var session = Sessions.created(alice, T0);
        sessions.insert(session);
        var prepared = handoff.prepare(alice);

        handoff.bind(prepared, session, new ClientCredential("conversation_token", Optional.empty(), Optional.of("jwt"),
                T0.plusSeconds(600), Map.of(ClientCredential.CONVERSATION_ID, "conv_1")));

        assertThat(refs.find(REF)).isPresent();
        assertThat(transcripts.turns(session.id())).singleElement().satisfies(t -> assertThat(t.text()).isEqualTo("Hello"));
        assertThat(sessions.find(session.id()).orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
        assertThat(events.unmatchedByConversation("fake", "conv_1")).isEmpty();
    }
}
