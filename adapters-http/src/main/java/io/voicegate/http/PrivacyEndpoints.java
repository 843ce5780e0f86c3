package io.voicegate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.AuditCursor;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.ListAuditEvents;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.privacy.EraseUserData;
import io.voicegate.core.privacy.ExportUserData;
import io.voicegate.core.privacy.Reauthenticate;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller's rights over their own data: {@code GET /api/v1/me/audit} (events about them, paginated),
 * {@code GET /api/v1/me/export} (everything held about them) and {@code DELETE /api/v1/me} (erasure, after
 * re-authentication).
 */
public final class PrivacyEndpoints implements Endpoints {

    /** The use cases behind these routes. */
    public record UseCases(ListAuditEvents audit, ExportUserData export, Reauthenticate reauthenticate,
                           EraseUserData erase) {
    }

    record Confirmation(String password) {
    }

    record EventView(UUID id, String actor, String action, String resourceType, Optional<String> resourceId,
                     String outcome, Instant at, String requestId, Optional<String> detail) {
    }

    record EventPage(List<EventView> events, Optional<String> nextCursor) {
    }

    static final int DEFAULT_PAGE = 50;

    private final Authenticator authenticator;
    private final ClientAddresses addresses;
    private final UseCases useCases;
    private final RequestBodies bodies = new RequestBodies(Json.mapper());
    private final ObjectMapper exportMapper = CoreValues.mapper();

    public PrivacyEndpoints(Authenticator authenticator, ClientAddresses addresses, UseCases useCases) {
        this.authenticator = authenticator;
        this.addresses = addresses;
        this.useCases = useCases;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/me/audit", this::audit);
        routes.get("/api/v1/me/export", this::export);
        routes.delete("/api/v1/me", this::erase);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("privacy.openapi.json");
    }

    private void audit(Context ctx) {
        var principal = authenticator.require(ctx);
        int limit = limit(ctx.queryParam("limit"));
        var cursorText = ctx.queryParam("cursor");
        Optional<AuditCursor> after = Optional.empty();
        if (cursorText != null && !cursorText.isEmpty()) {
            after = Optional.of(AuditCursor.parse(cursorText).orElseThrow(() -> new BadRequest("invalid_field",
                    "Query parameter 'cursor' is not a cursor this API returned.", Optional.of("/cursor"))));
        }
        var page = useCases.audit().handle(principal.user(), after, limit, request(ctx));
        ctx.json(new EventPage(page.events().stream().map(PrivacyEndpoints::view).toList(),
                page.next().map(AuditCursor::encode)));
    }

    private void export(Context ctx) {
        var principal = authenticator.require(ctx);
        var export = useCases.export().handle(principal.user(), request(ctx));
        var document = new LinkedHashMap<String, Object>();
        document.put("user_id", export.user().toString());
        document.put("exported_at", export.exportedAt());
        document.put("data", export.sections());
        try {
            ctx.header("Content-Disposition", "attachment; filename=\"voicegate-export.json\"")
                    .contentType("application/json").result(exportMapper.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void erase(Context ctx) {
        var principal = authenticator.require(ctx);
        var body = ctx.bodyAsBytes();
        var password = body.length == 0 ? Optional.<String>empty()
                : Optional.ofNullable(bodies.read(body, Confirmation.class).password());
        var request = request(ctx);
        useCases.reauthenticate().handle(principal, password, request);
        useCases.erase().handle(principal.user(), request);
        ctx.status(204);
    }

    private RequestContext request(Context ctx) {
        return RequestContext.of(RequestIds.of(ctx), addresses.of(ctx));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) return DEFAULT_PAGE;
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= ListAuditEvents.MAX_PAGE) return limit;
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new BadRequest("invalid_field", "Query parameter 'limit' must be an integer from 1 to "
                + ListAuditEvents.MAX_PAGE + ".", Optional.of("/limit"));
    }

    private static EventView view(AuditEvent event) {
        var actor = event.subject().filter(event.actor()::equals).map(self -> "self").orElse(event.actor());
        return new EventView(event.id(), actor, event.action(), event.resourceType(), event.resourceId(),
                event.outcome().name().toLowerCase(java.util.Locale.ROOT), event.at(), event.requestId(), event.detail());
    }
}
