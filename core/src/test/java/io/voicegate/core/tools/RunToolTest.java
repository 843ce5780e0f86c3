package io.voicegate.core.tools;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunToolTest {

    private final ToolRegistry registry = ToolRegistry.of(List.of(
            new Tool("echo", "Echoes.", "{\"type\":\"object\"}", call -> call.arguments()),
            new Tool("bug", "Breaks.", "{\"type\":\"object\"}", call -> {
                throw new IllegalStateException("secret detail");
            }),
            new Tool("nothing", "Answers null.", "{}", call -> null)));
    private final RunTool run = new RunTool(registry);

    private static ToolCall call(String name) {
        return new ToolCall("call_1", name, "{\"a\":1}", "ref");
    }

    @Test
    void answers_with_the_handler_output() {
        assertThat(run.handle(call("echo"))).isEqualTo(new ToolResult.Answered("{\"a\":1}"));
    }

    @Test
    void hides_unexpected_failures_from_the_model() {
        var result = run.handle(call("bug"));
        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        assertThat(result.output()).isEqualTo("{\"error\":\"The tool failed.\"}").doesNotContain("secret");
    }

    @Test
    void reports_unknown_and_silent_tools_as_failures() {
        assertThat(run.knows("missing")).isFalse();
        assertThat(run.handle(call("missing")).output()).isEqualTo("{\"error\":\"Unknown tool: missing\"}");
        assertThat(run.handle(call("nothing"))).isInstanceOf(ToolResult.Failed.class);
    }

    @Test
    void escapes_failure_messages_as_json() {
        assertThat(new ToolResult.Failed("a \"b\"\n\\c\u0001").output()).isEqualTo("{\"error\":\"a \\\"b\\\"\\n\\\\c\\u0001\"}");
    }

    @Test
    void registry_selects_by_name_and_refuses_duplicates_and_bad_names() {
        assertThat(registry.only(List.of("echo", "other")).tools()).extracting(Tool::name).containsExactly("echo");
        assertThatThrownBy(() -> ToolRegistry.of(List.of(registry.tools().get(0), registry.tools().get(0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tool("has space", "", "{}", c -> "")).isInstanceOf(IllegalArgumentException.class);
    }
}
