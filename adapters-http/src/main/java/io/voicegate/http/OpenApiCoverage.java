package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * Compares the served {@code /api/v1} routes with the OpenAPI document, so the document stays true. A WebSocket route
 * (served as its upgrade handler) is documented as the {@code GET} that asks for the upgrade.
 */
public final class OpenApiCoverage {

    private static final String UPGRADE = "WEBSOCKET_BEFORE_UPGRADE ";

    private OpenApiCoverage() {
    }

    /** Served {@code /api/v1} routes ({@code METHOD path}) that the document does not describe. */
    public static List<String> undocumented(List<String> routes, JsonNode document) {
        return routes.stream()
                .map(OpenApiCoverage::asRequested)
                .filter(route -> route.contains(" /api/v1/"))
                .filter(route -> !documented(route, document))
                .sorted()
                .toList();
    }

    /** Operations the document describes that no route serves. */
    public static List<String> unserved(List<String> routes, JsonNode document) {
        var served = routes.stream().map(OpenApiCoverage::asRequested).map(r -> r.toUpperCase(Locale.ROOT)).toList();
        var missing = new java.util.ArrayList<String>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            var route = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
            if (!served.contains(route.toUpperCase(Locale.ROOT))) missing.add(route);
        }));
        return missing.stream().sorted().toList();
    }

    private static String asRequested(String route) {
        return route.startsWith(UPGRADE) ? "GET " + route.substring(UPGRADE.length()) : route;
    }

    private static boolean documented(String route, JsonNode document) {
        var space = route.indexOf(' ');
        var method = route.substring(0, space).toLowerCase(Locale.ROOT);
        var path = route.substring(space + 1);
        return document.path("paths").path(path).has(method);
    }
}
