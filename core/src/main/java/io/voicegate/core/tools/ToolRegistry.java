package io.voicegate.core.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server-side tools an agent may call, by name. Library users register their own alongside the built-in ones.
 * Implementations are thread-safe for reading.
 */
public interface ToolRegistry {

    Optional<Tool> find(String name);

    /** Every tool, in registration order (what is offered to a provider). */
    List<Tool> all();

    /**
     * A fixed registry.
     *
     * @throws IllegalArgumentException when two tools share a name
     */
    static ToolRegistry of(List<Tool> tools) {
        var byName = new LinkedHashMap<String, Tool>();
        for (var tool : tools) {
            if (byName.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalArgumentException("two tools are named " + tool.name());
            }
        }
        Map<String, Tool> fixed = java.util.Collections.unmodifiableMap(byName);
        var list = List.copyOf(byName.values());
        return new ToolRegistry() {
            @Override
            public Optional<Tool> find(String name) {
                return Optional.ofNullable(fixed.get(name));
            }

            @Override
            public List<Tool> all() {
                return list;
            }
        };
    }
}
