package io.voicegate.core.tools;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void user_context_is_a_flat_json_object_in_insertion_order() {
        var facts = new LinkedHashMap<String, String>();
        facts.put("display_name", "Ada \"A\" \u0001");
        facts.put("locale", "en");
        var context = new UserContext(facts);
        assertThat(context.toJson()).isEqualTo("{\"display_name\":\"Ada \\\"A\\\" \\u0001\",\"locale\":\"en\"}");
        assertThat(context.names()).containsExactly("display_name", "locale");
        assertThat(UserContext.empty().toJson()).isEqualTo("{}");
    }

    @Test
    void names_the_top_level_fields_of_an_object_only() {
        assertThat(JsonText.topLevelFieldNames(" { \"a\" : 1, \"b\\u0041\":{\"nested\":[1,{\"x\":\"}\"}]}, \"c\":\"s,}\", \"d\":null } "))
                .contains(List.of("a", "bA", "c", "d"));
        assertThat(JsonText.topLevelFieldNames("{}")).contains(List.of());
        assertThat(JsonText.topLevelFieldNames("[1]")).isEmpty();
        assertThat(JsonText.topLevelFieldNames("plain text")).isEmpty();
        assertThat(JsonText.topLevelFieldNames("{\"a\":1")).isEmpty();
        assertThat(JsonText.topLevelFieldNames("{\"a\" 1}")).isEmpty();
    }
}
