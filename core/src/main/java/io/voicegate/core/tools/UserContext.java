package io.voicegate.core.tools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The facts about a user an agent is told, by name, in a stable order. */
public record UserContext(Map<String, String> facts) {

    public UserContext {
        Objects.requireNonNull(facts, "facts");
        var copy = new LinkedHashMap<String, String>();
        facts.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "fact name"),
                Objects.requireNonNull(value, "fact " + name)));
        facts = Collections.unmodifiableMap(copy);
    }

    public static UserContext empty() {
        return new UserContext(Map.of());
    }

    /** The names of the facts, which is what the audit trail records as disclosed. */
    public List<String> names() {
        return List.copyOf(facts.keySet());
    }

    /** The facts as one flat JSON object of strings. */
    public String toJson() {
        var out = new StringBuilder("{");
        facts.forEach((name, value) -> {
            if (out.length() > 1) out.append(',');
            out.append(JsonText.quote(name)).append(':').append(JsonText.quote(value));
        });
        return out.append('}').toString();
    }
}
