package io.voicegate.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentStatus;
import io.voicegate.core.consent.GetConsentStatus;
import io.voicegate.core.consent.GrantConsent;
import io.voicegate.core.consent.Purpose;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@code GET /api/v1/consent} (where the caller stands on every purpose) and {@code POST} (record an answer). */
public final class ConsentEndpoints implements Endpoints {

    record Answer(String purpose, Integer version, Boolean granted) {
    }

    record Recorded(UUID id, String purpose, int version, boolean granted, Instant answeredAt) {
    }

    record PurposeView(String purpose, boolean required, int requiredVersion, boolean granted,
                       @JsonInclude(JsonInclude.Include.ALWAYS) Integer grantedVersion, boolean upToDate) {
    }

    record StatusView(List<PurposeView> purposes) {
    }

    private static final String PURPOSES = Arrays.stream(Purpose.values()).map(Purpose::id)
            .collect(Collectors.joining(", "));

    private final Authenticator authenticator;
    private final ClientAddresses addresses;
    private final GrantConsent grant;
    private final GetConsentStatus status;
    private final RequestBodies bodies = new RequestBodies(Json.mapper());

    public ConsentEndpoints(Authenticator authenticator, ClientAddresses addresses, GrantConsent grant,
                            GetConsentStatus status) {
        this.authenticator = authenticator;
        this.addresses = addresses;
        this.grant = grant;
        this.status = status;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/consent", this::read);
        routes.post("/api/v1/consent", this::answer);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("consent.openapi.json");
    }

    private void read(Context ctx) {
        var principal = authenticator.require(ctx);
        ctx.json(view(status.handle(principal.user(), request(ctx))));
    }

    private void answer(Context ctx) {
        var principal = authenticator.require(ctx);
        var answer = bodies.read(ctx, Answer.class);
        if (answer.purpose() == null) throw BadRequest.field("/purpose", "Field '/purpose' is required.");
        var purpose = Purpose.parse(answer.purpose()).orElseThrow(() ->
                BadRequest.field("/purpose", "Field '/purpose' must be one of " + PURPOSES + "."));
        if (answer.version() == null) throw BadRequest.field("/version", "Field '/version' is required.");
        if (answer.granted() == null) throw BadRequest.field("/granted", "Field '/granted' is required.");
        var consent = grant.handle(new GrantConsent.Command(principal.user(), purpose, answer.version(),
                answer.granted(), request(ctx)));
        ctx.status(201).json(new Recorded(consent.id(), consent.purpose().id(), consent.version(), consent.granted(),
                consent.at()));
    }

    private RequestContext request(Context ctx) {
        return RequestContext.of(RequestIds.of(ctx), addresses.of(ctx));
    }

    private static StatusView view(ConsentStatus status) {
        return new StatusView(status.purposes().stream()
                .map(p -> new PurposeView(p.purpose().id(), p.required(), p.requiredVersion(), p.granted(),
                        p.grantedVersion().orElse(null), p.upToDate()))
                .toList());
    }
}
