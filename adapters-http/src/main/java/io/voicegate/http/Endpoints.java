package io.voicegate.http;

import io.javalin.config.RoutesConfig;

import java.util.List;

/**
 * A group of routes for one concern (health, auth, sessions, ...). The launcher hands the groups to
 * {@link HttpApi#create}; each group adds its routes and documents its {@code /api/v1} paths in an OpenAPI fragment.
 */
@FunctionalInterface
public interface Endpoints {

    void addTo(RoutesConfig routes);

    /**
     * Classpath resources (JSON, each {@code {"paths":{...},"components":{"schemas":{...}}}}) that document the
     * {@code /api/v1} routes this group adds; merged into {@code /openapi.json}.
     */
    default List<String> openApiFragments() {
        return List.of();
    }
}
