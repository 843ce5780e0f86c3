package io.voicegate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.session.AppendTranscript;
import io.voicegate.core.session.CreateSession;
import io.voicegate.core.session.EndSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.GetTranscript;
import io.voicegate.core.session.InvalidSessionRequest;
import io.voicegate.core.session.ListSessions;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionNotFound;
import io.voicegate.core.session.StartSession;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.usage.SummariseUsage;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Voice sessions, their transcripts, the providers and the caller's usage, under {@code /api/v1}. Every route needs
 * an authenticated caller and acts on the caller's own data only (someone else's session answers 404).
 */
public final class SessionEndpoints implements Endpoints {

    private final Authenticator authenticator;
    private final SessionUseCases useCases;
    private final ClientAddresses addresses;
    private final String publicUrl;
    private final ObjectMapper mapper = Json.mapper();
    private final RequestBodies bodies = new RequestBodies(mapper);

    public SessionEndpoints(Authenticator authenticator, SessionUseCases useCases, ClientAddresses addresses) {
        this(authenticator, useCases, addresses, "");
    }

    /**
     * @param publicUrl {@code PUBLIC_URL}, the base a provider's path on this server (e.g. the relay) is made absolute
     *                  with; empty to use the request's own scheme and host
     */
    public SessionEndpoints(Authenticator authenticator, SessionUseCases useCases, ClientAddresses addresses,
                            String publicUrl) {
        this.authenticator = authenticator;
        this.useCases = useCases;
        this.addresses = addresses;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/sessions", this::create);
        routes.get("/api/v1/sessions", this::list);
        routes.get("/api/v1/sessions/{id}", this::get);
        routes.post("/api/v1/sessions/{id}/start", this::start);
        routes.post("/api/v1/sessions/{id}/end", this::end);
        routes.post("/api/v1/sessions/{id}/transcript", this::appendTranscript);
        routes.get("/api/v1/sessions/{id}/transcript", this::transcript);
        routes.get("/api/v1/providers", this::providers);
        routes.get("/api/v1/usage", this::usage);
    }

    @Override
    public List<String> openApiFragments() {
        return List.of("sessions.openapi.json");
    }

    private void create(Context ctx) {
        var user = authenticator.require(ctx).user();
        var body = bodies.read(ctx, SessionJson.CreateBody.class);
        if (body.provider() == null || body.provider().isBlank()) {
            throw BadRequest.field("/provider", "Field '/provider' is required.");
        }
        var metadata = "{}";
        if (body.metadata() != null && !body.metadata().isNull()) {
            if (!body.metadata().isObject()) throw BadRequest.field("/metadata", "Field '/metadata' must be an object.");
            metadata = write(body.metadata());
        }
        var created = useCases.create().handle(new CreateSession.Command(user, body.provider(),
                Optional.ofNullable(body.mode()), Optional.ofNullable(body.model()), Optional.ofNullable(body.voice()),
                metadata, body.options(), request(ctx)));
        ctx.status(201).header("Cache-Control", "no-store")
                .header("Location", "/api/v1/sessions/" + created.session().id())
                .json(new SessionJson.Created(SessionJson.Session.of(created.session(), mapper),
                        SessionJson.connect(created.connect(), base(ctx))));
    }

    /** Where this server is reached: PUBLIC_URL, else the scheme and Host of the request; empty when unknown. */
    private String base(Context ctx) {
        if (!publicUrl.isEmpty()) return publicUrl;
        var host = ctx.host();
        return host == null || host.isBlank() ? "" : ctx.scheme() + "://" + host;
    }

    private void list(Context ctx) {
        var user = authenticator.require(ctx).user();
        var page = useCases.list().handle(new ListSessions.Query(user, query(ctx, "status"), integer(ctx, "limit"),
                query(ctx, "cursor"), request(ctx)));
        ctx.json(new SessionJson.Page(page.sessions().stream().map(s -> SessionJson.Session.of(s, mapper)).toList(),
                page.nextCursor()));
    }

    private void get(Context ctx) {
        var user = authenticator.require(ctx).user();
        var session = useCases.get().handle(new GetSession.Query(user, sessionId(ctx), request(ctx)));
        ctx.json(SessionJson.Session.of(session, mapper));
    }

    private void start(Context ctx) {
        var user = authenticator.require(ctx).user();
        var session = useCases.start().handle(new StartSession.Command(user, sessionId(ctx), request(ctx)));
        ctx.json(SessionJson.Session.of(session, mapper));
    }

    private void end(Context ctx) {
        var user = authenticator.require(ctx).user();
        var session = useCases.end().handle(new EndSession.Command(user, sessionId(ctx), request(ctx)));
        ctx.json(SessionJson.Session.of(session, mapper));
    }

    private void appendTranscript(Context ctx) {
        var user = authenticator.require(ctx).user();
        var id = sessionId(ctx);
        var body = bodies.read(ctx, SessionJson.TranscriptBody.class);
        if (body.messages() == null) throw BadRequest.field("/messages", "Field '/messages' is required.");
        AppendTranscript.checkSize(body.messages().size(),
                body.messages().stream().map(m -> m == null ? null : m.content()).toList());
        var messages = new ArrayList<AppendTranscript.Message>();
        for (int i = 0; i < body.messages().size(); i++) messages.add(message(body.messages().get(i), "/messages/" + i));
        var result = useCases.appendTranscript().handle(new AppendTranscript.Command(user, id, messages, request(ctx)));
        ctx.json(new SessionJson.Appended(result.received(), result.added(), result.duplicates(), result.stored()));
    }

    private void transcript(Context ctx) {
        var user = authenticator.require(ctx).user();
        var transcript = useCases.transcript().handle(new GetTranscript.Query(user, sessionId(ctx), request(ctx)));
        ctx.header("Cache-Control", "no-store").json(new SessionJson.Transcript(transcript.session().id().toString(),
                transcript.session().transcriptStored(),
                transcript.turns().stream().map(SessionJson.TranscriptTurn::of).toList()));
    }

    private void providers(Context ctx) {
        authenticator.require(ctx);
        ctx.json(new SessionJson.Providers(useCases.providers().all().stream().map(SessionJson.Provider::of).toList()));
    }

    private void usage(Context ctx) {
        var user = authenticator.require(ctx).user();
        var summary = useCases.usage().handle(new SummariseUsage.Query(user, instant(ctx, "from"), instant(ctx, "to"),
                request(ctx)));
        ctx.json(SessionJson.Usage.of(summary));
    }

    private static AppendTranscript.Message message(SessionJson.MessageBody body, String pointer) {
        if (body == null) throw BadRequest.field(pointer, "Field '" + pointer + "' must be an object.");
        var role = Optional.ofNullable(body.role()).flatMap(TurnRole::parse).orElseThrow(() ->
                BadRequest.field(pointer + "/role", "Field '" + pointer + "/role' must be one of user, assistant, tool."));
        if (body.content() == null) throw BadRequest.field(pointer + "/content", "Field '" + pointer + "/content' is required.");
        if (body.timestamp() == null) {
            throw BadRequest.field(pointer + "/timestamp", "Field '" + pointer + "/timestamp' is required (RFC 3339).");
        }
        try {
            return new AppendTranscript.Message(role, body.content(), OffsetDateTime.parse(body.timestamp()).toInstant());
        } catch (DateTimeParseException e) {
            throw BadRequest.field(pointer + "/timestamp", "Field '" + pointer + "/timestamp' must be an RFC 3339 timestamp.");
        }
    }

    private RequestContext request(Context ctx) {
        return RequestContext.of(RequestIds.of(ctx), addresses.of(ctx));
    }

    /** A malformed id answers exactly like an unknown one: 404. */
    private static SessionId sessionId(Context ctx) {
        return SessionId.parse(ctx.pathParam("id")).orElseThrow(SessionNotFound::new);
    }

    private static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isEmpty());
    }

    private static Optional<Integer> integer(Context ctx, String name) {
        return query(ctx, name).map(text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw InvalidSessionRequest.parameter(name, "Parameter '" + name + "' must be an integer.");
            }
        });
    }

    /** An RFC 3339 timestamp, or a date (the start of that UTC day). */
    private static Optional<Instant> instant(Context ctx, String name) {
        return query(ctx, name).map(text -> {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidSessionRequest.parameter(name,
                        "Parameter '" + name + "' must be an RFC 3339 timestamp or a date (YYYY-MM-DD).");
            }
        });
    }

    private String write(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
