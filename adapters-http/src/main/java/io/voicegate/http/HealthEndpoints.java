package io.voicegate.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /health} (the process answers) and {@code /ready} (its dependencies answer; providers listed, never keys). */
public final class HealthEndpoints implements Endpoints {

    private final List<ReadinessCheck> checks;
    private final Supplier<List<ProviderStatus>> providers;

    public HealthEndpoints(List<ReadinessCheck> checks, Supplier<List<ProviderStatus>> providers) {
        this.checks = List.copyOf(checks);
        this.providers = providers;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/ready", this::ready);
    }

    private void ready(Context ctx) {
        var results = new LinkedHashMap<String, Object>();
        boolean ready = true;
        for (var check : checks) {
            var problem = check.problem();
            ready &= problem.isEmpty();
            results.put(check.name(), problem.<Map<String, Object>>map(p -> Map.of("status", "failing", "reason", p))
                    .orElse(Map.of("status", "ok")));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("checks", results);
        var listed = providers.get();
        body.put("providers", listed);
        if (listed.stream().anyMatch(ProviderStatus::simulated)) {
            body.put("simulated", true);
            body.put("notice", "Provider answers are simulated by built-in fakes; no real provider is called.");
        }
        ctx.status(ready ? 200 : 503).json(body);
    }
}
