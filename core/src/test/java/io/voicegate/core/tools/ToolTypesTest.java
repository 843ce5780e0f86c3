package io.voicegate.core.tools;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolTypesTest {

    private static final Tool.Handler NOTHING = call -> ToolResult.ok("{}", List.of());

    @Test
    void error_results_are_json_with_the_message_escaped() {
        assertThat(ToolResult.error("say \"no\"\n\\ now").json()).isEqualTo("{\"error\":\"say \\\"no\\\"\\n\\\\ now\"}");
        assertThat(ToolResult.error("x").error()).isTrue();
    }

    @Test
    void user_context_is_a_flat_json_object_in_insertion_order() {
        var facts = new LinkedHashMap<String, String>();
        facts.put("display_name", "Ada \u0001");
        facts.put("locale", "en");
        var context = new UserContext(facts);
        assertThat(context.toJson()).isEqualTo("{\"display_name\":\"Ada \\u0001\",\"locale\":\"en\"}");
        assertThat(context.names()).containsExactly("display_name", "locale");
        assertThat(UserContext.empty().toJson()).isEqualTo("{}");
    }

    @Test
    void registry_refuses_two_tools_of_one_name_and_finds_by_name() {
        var a = new Tool("a", "first", "{}", NOTHING);
        assertThatThrownBy(() -> ToolRegistry.of(List.of(a, new Tool("a", "again", "{}", NOTHING))))
                .isInstanceOf(IllegalArgumentException.class);
        var registry = ToolRegistry.of(List.of(a));
        assertThat(registry.find("a")).contains(a);
        assertThat(registry.find("b")).isEmpty();
        assertThat(registry.all()).containsExactly(a);
    }

    @Test
    void tool_names_are_restricted() {
        assertThatThrownBy(() -> new Tool("no spaces", "", "{}", NOTHING)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Tool.isValidName("get_context")).isTrue();
        assertThat(Tool.isValidName("../x")).isFalse();
    }
}
