package io.voicegate.core.tools;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.Pseudonyms;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunServerToolTest {

    private static final SessionRef REF = new SessionRef("AAAAAAAAAAAAAAAAAAAAAA");
    private static final SessionRef OTHER = new SessionRef("BBBBBBBBBBBBBBBBBBBBBB");
    private static final UserId USER = new UserId(UUID.fromString("00000000-0000-4000-8000-0000000000aa"));
    private static final UUID SESSION = UUID.fromString("00000000-0000-4000-8000-0000000000bb");
    private static final RequestContext REQUEST = RequestContext.of("req_1", "203.0.113.9");

    private final List<AuditEvent> audited = new ArrayList<>();
    private final SessionRefs refs = new SessionRefs() {
        @Override
        public void assign(SessionRef ref, Target target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Target> find(SessionRef ref) {
            return ref.equals(REF) ? Optional.of(new Target(SESSION, USER)) : Optional.empty();
        }

        @Override
        public Optional<SessionRef> refOf(UUID sessionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean linkConversation(UUID sessionId, String conversationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Target> findByConversation(String provider, String conversationId) {
            return Optional.empty();
        }
    };
    private final Pseudonyms pseudonyms = new Pseudonyms() {
        @Override
        public String of(UserId user) {
            return "psn_" + user.value().toString().substring(34);
        }

        @Override
        public void forget(UserId user) {
        }
    };
    private final AuditTrail audit = new AuditTrail(audited::add, pseudonyms,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), UUID::randomUUID, new byte[32]);

    private RunServerTool useCase(Tool... tools) {
        return new RunServerTool(ToolRegistry.of(List.of(tools)), refs, audit);
    }

    private static RunServerTool.Command call(String tool, SessionRef ref) {
        return new RunServerTool.Command(tool, ref, "{\"why\":\"greeting\"}", "agent:test", REQUEST);
    }

    @Test
    void get_context_answers_the_users_facts_and_audits_their_names_only() {
        var tool = GetContextTool.create(user -> new UserContext(
                user.equals(USER) ? Map.of("display_name", "Ada Lovelace") : Map.of()), refs);

        var result = useCase(tool).handle(call("get_context", REF));

        assertThat(result).isEqualTo(new ToolResult.Answered("{\"display_name\":\"Ada Lovelace\"}"));
        assertThat(audited).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("agent:test");
            assertThat(event.subject()).contains("psn_aa");
            assertThat(event.action()).isEqualTo("tool.call");
            assertThat(event.resourceId()).contains(SESSION.toString());
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.detail()).contains("tool=get_context; disclosed=display_name");
            assertThat(event.toString()).doesNotContain("Ada");
        });
    }

    @Test
    void the_handler_sees_the_session_user_and_arguments() {
        var seen = new ArrayList<ToolCall>();
        var tool = new Tool("echo", "echo", "{}", c -> {
            seen.add(c);
            return "{}";
        });
        useCase(tool).handle(call("echo", REF));
        assertThat(seen).containsExactly(new ToolCall("req_1", "echo", "{\"why\":\"greeting\"}", REF.value()));
    }

    @Test
    void unknown_tool_is_not_found() {
        assertThatThrownBy(() -> useCase().handle(call("nope", REF)))
                .isInstanceOf(UnknownTool.class)
                .extracting(e -> ((VoicegateException) e).kind()).isEqualTo(VoicegateException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> useCase().handle(call("../etc", REF))).isInstanceOf(UnknownTool.class);
        assertThat(audited).isEmpty();
    }

    @Test
    void a_tool_refusal_is_told_to_the_agent_and_audited_as_failure() {
        var tool = new Tool("picky", "refuses", "{}", c -> {
            throw new ToolFailed("I cannot look that up.");
        });
        assertThat(useCase(tool).handle(call("picky", REF)).output()).isEqualTo("{\"error\":\"I cannot look that up.\"}");
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(e.detail()).contains("tool=picky; disclosed=");
        });
    }

    @Test
    void unknown_reference_is_not_found_and_audited_as_denied() {
        var tool = GetContextTool.create(user -> UserContext.empty(), refs);
        assertThatThrownBy(() -> useCase(tool).handle(call("get_context", OTHER)))
                .isInstanceOf(io.voicegate.core.session.UnknownSessionRef.class);
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.DENIED));
    }

    @Test
    void a_failing_tool_gives_a_speakable_error_without_internals() {
        var tool = new Tool("broken", "fails", "{}", c -> {
            throw new IllegalStateException("SQL: select * from users where secret='x'");
        });

        var result = useCase(tool).handle(call("broken", REF));

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.output()).startsWith("{\"error\":").doesNotContain("SQL").doesNotContain("IllegalStateException");
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILURE));
    }
}
