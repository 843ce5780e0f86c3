package io.voicegate.core.tools;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The server-side tools available to models. Implementations are thread-safe and never return null.
 * {@link #of(List)} gives a fixed registry; a library user may supply their own.
 */
public interface ToolRegistry {

    Optional<Tool> find(String name);

    /** Every tool, in registration order. */
    List<Tool> tools();

    /** The subset with these names, in registration order (e.g. the tools one provider offers). */
    default ToolRegistry only(Collection<String> names) {
        return of(tools().stream().filter(t -> names.contains(t.name())).toList());
    }

    static ToolRegistry of(List<Tool> tools) {
        var byName = new LinkedHashMap<String, Tool>();
        for (var tool : tools) {
            if (byName.putIfAbsent(tool.name(), tool) != null) throw new IllegalArgumentException("duplicate tool " + tool.name());
        }
        var list = List.copyOf(byName.values());
        return new ToolRegistry() {
            @Override
            public Optional<Tool> find(String name) {
                return Optional.ofNullable(byName.get(name));
            }

            @Override
            public List<Tool> tools() {
                return list;
            }
        };
    }

    static ToolRegistry empty() {
        return of(List.of());
    }
}
