package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds {@code /openapi.json} from the fragments each {@link Endpoints} group ships next to its code. */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    static ObjectNode build(ObjectMapper mapper, List<Endpoints> endpoints) {
        var document = mapper.createObjectNode();
        document.put("openapi", "3.1.0");
        var info = document.putObject("info");
        info.put("title", "Voicegate API");
        info.put("version", "v1");
        info.put("description", "Voicegate's own REST API. Errors are application/problem+json (RFC 9457); "
                + "every response carries X-Request-Id.");
        var paths = document.putObject("paths");
        var schemas = document.putObject("components").putObject("schemas");
        for (var group : endpoints) {
            for (var resource : group.openApiFragments()) {
                var fragment = read(mapper, group, resource);
                merge(paths, fragment.path("paths"));
                merge(schemas, fragment.path("components").path("schemas"));
            }
        }
        return document;
    }

    private static JsonNode read(ObjectMapper mapper, Endpoints group, String resource) {
        try (var in = group.getClass().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("OpenAPI fragment not on the classpath: " + resource);
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenAPI fragment unreadable: " + resource, e);
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(entry -> {
            var existing = into.get(entry.getKey());
            if (existing instanceof ObjectNode target && entry.getValue() instanceof ObjectNode source) {
                source.fields().forEachRemaining(inner -> target.set(inner.getKey(), inner.getValue()));
            } else {
                into.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
