package io.voicegate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** {@code /openapi.json} and {@code /docs}, a self-contained page (no third-party script) that renders it. */
final class DocsEndpoints implements Endpoints {

    private final Supplier<ObjectNode> document;

    DocsEndpoints(Supplier<ObjectNode> document) {
        this.document = document;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document.get().toString()));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(resource("docs.html")));
        routes.get("/docs/docs.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(resource("docs.js")));
    }

    private static byte[] resource(String name) {
        try (InputStream in = DocsEndpoints.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
