package io.voicegate.core.tools;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RecordingAudit;
import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditedToolsTest {

    private static final UserId USER = new UserId(UUID.fromString("00000000-0000-4000-8000-0000000000aa"));
    private static final String SESSION = "00000000-0000-4000-8000-0000000000bb";

    private final RecordingAudit log = new RecordingAudit();
    private final ToolRegistry tools = AuditedTools.of(ToolRegistry.of(List.of(
                    new Tool("who", "Who calls.", "{}", call -> "{\"display_name\":\"Ada\",\"locale\":\"en\"}"),
                    new Tool("broken", "Fails.", "{}", call -> {
                        throw new ToolFailed("no");
                    }))),
            ref -> ref.equals(SESSION) ? Optional.of(USER) : Optional.empty(),
            log.trail(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)), "model:openai");
    private final RunTool run = new RunTool(tools);

    @Test
    void a_call_is_answered_and_audited_on_the_session_with_the_disclosed_field_names() {
        var result = run.handle(new ToolCall("call_1", "who", "{}", SESSION));
        assertThat(result).isEqualTo(new ToolResult.Answered("{\"display_name\":\"Ada\",\"locale\":\"en\"}"));
        assertThat(log.events).hasSize(1);
        AuditEvent event = log.events.get(0);
        assertThat(event.action()).isEqualTo("tool.call");
        assertThat(event.actor()).isEqualTo("model:openai");
        assertThat(event.subject()).isPresent();
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.detail()).contains("tool=who; disclosed=display_name,locale");
        assertThat(event.detail().orElseThrow()).doesNotContain("Ada");
    }

    @Test
    void a_failing_tool_is_audited_as_a_failure_and_an_unknown_session_as_denied() {
        assertThat(run.handle(new ToolCall("call_2", "broken", "{}", SESSION))).isEqualTo(new ToolResult.Failed("no"));
        run.handle(new ToolCall("call_3", "who", "{}", "not-a-session"));
        assertThat(log.events).extracting(AuditEvent::outcome).containsExactly(Outcome.FAILURE, Outcome.DENIED);
        assertThat(log.events.get(1).subject()).isEmpty();
    }
}
