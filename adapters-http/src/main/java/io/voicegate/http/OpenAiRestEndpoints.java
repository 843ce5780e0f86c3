package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.session.CreateForwardedSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.SessionConflict;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionNotFound;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.RecordApiUsage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAI-compatible REST routes an official OpenAI SDK pointed at {@code /openai/v1} calls, with a Voicegate
 * access token as its API key: realtime client secrets and WebRTC calls (sessions recorded, policy enforced, calls
 * listened to through a sideband), chat completions (streamed chunk by chunk as they arrive), speech (streamed) and
 * the model list. Forwarded with the server's key; errors are OpenAI-shaped ({@link ErrorResponses}).
 */
public final class OpenAiRestEndpoints implements Endpoints {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenAiRestEndpoints.class);
    static final String BASE = "/openai/v1";
    private static final String PROVIDER = "openai";
    static final int MAX_SPEECH_INPUT = 4096;
    private static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova",
            "sage", "shimmer", "verse", "marin", "cedar");
    private static final Set<String> SPEECH_FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");
    /** How long a call may take to attach its sideband before the sweeper expires its session. */
    private static final Duration CALL_CONNECT_WINDOW = Duration.ofMinutes(2);
    /** OpenAI's model objects carry a creation time; the allow-list has none, so one fixed value is used. */
    private static final long MODEL_CREATED = 1_700_000_000L;

    private final Authenticator authenticator;
    private final Guards guards;
    private final OpenAiRestUseCases useCases;
    private final OpenAiUpstream upstream;
    private final OpenAiCalls calls;
    private final OpenAiRestSettings settings;
    private final ObjectMapper mapper = new ObjectMapper();

    public OpenAiRestEndpoints(Authenticator authenticator, Guards guards, OpenAiRestUseCases useCases,
                               OpenAiUpstream upstream, OpenAiCalls calls, OpenAiRestSettings settings) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE + "/realtime/client_secrets", this::clientSecret);
        routes.post(BASE + "/realtime/calls", this::createCall);
        routes.post(BASE + "/realtime/calls/{call_id}/hangup", this::hangUp);
        routes.post(BASE + "/chat/completions", this::chat);
        routes.post(BASE + "/audio/speech", this::speech);
        routes.get(BASE + "/models", this::models);
    }

    // ---- realtime client secrets ---------------------------------------------------------------------------------

    private void clientSecret(Context ctx) {
        var principal = caller(ctx);
        guards.credentialMinting(ctx, principal);
        var consent = useCases.consent().forNewSession(principal.user());
        var body = objectBody(ctx, true);
        var session = OpenAiSessionConfig.enforce(body.get("session"), "/session", settings, Optional.empty());
        var request = mapper.createObjectNode();
        request.putObject("expires_after").put("anchor", "created_at").put("seconds", ttlSeconds(body.path("expires_after")));
        request.set("session", session);
        var created = useCases.createSession().handle(new CreateForwardedSession.Command(principal.user(), "openai",
                ConnectionMode.WEBSOCKET, Optional.of(session.get("model").asText()), OpenAiSessionConfig.voiceOf(session),
                consent.storeTranscripts(), request(ctx)), id -> {
            var secret = upstream.createClientSecret(write(request));
            return new CreateForwardedSession.Minted<>(secret.expiresAt(), secret);
        });
        var answer = parseObject(created.result().body());
        answer.put("voicegate_session_id", created.session().id().toString());
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(write(answer));
    }

    /** The secret lives at most the configured time; a client may ask for less (OpenAI's minimum is 10 s). */
    private long ttlSeconds(JsonNode expiresAfter) {
        var anchor = expiresAfter.path("anchor");
        if (!anchor.isMissingNode() && !anchor.isNull() && !anchor.asText().equals("created_at")) {
            throw new BadRequest("invalid_value", "Invalid value for 'expires_after.anchor': only 'created_at' is supported.",
                    Optional.of("/expires_after/anchor"));
        }
        long limit = settings.clientSecretTtl().toSeconds();
        var asked = expiresAfter.path("seconds");
        if (asked.isMissingNode() || asked.isNull()) return limit;
        if (!asked.canConvertToLong() || asked.asLong() < 10) {
            throw BadRequest.field("/expires_after/seconds", "Field 'expires_after.seconds' must be an integer of at least 10.");
        }
        return Math.min(limit, asked.asLong());
    }

    // ---- WebRTC calls --------------------------------------------------------------------------------------------

    private void createCall(Context ctx) {
        var principal = caller(ctx);
        guards.credentialMinting(ctx, principal);
        var consent = useCases.consent().forNewSession(principal.user());
        var offer = CallOffer.read(ctx, mapper);
        var continued = Optional.ofNullable(ctx.queryParam("session_id")).filter(s -> !s.isEmpty())
                .map(text -> continuable(principal, text, ctx));
        var session = OpenAiSessionConfig.enforce(offer.session(), "/session", settings,
                continued.flatMap(s -> s.model()));
        var model = session.get("model").asText();
        var sessionJson = write(session);
        SessionId sessionId;
        OpenAiUpstream.CallAnswer answer;
        if (continued.isPresent()) {
            sessionId = continued.get().id();
            answer = upstream.createCall(offer.sdp(), sessionJson);
        } else {
            var created = useCases.createSession().handle(new CreateForwardedSession.Command(principal.user(), "openai",
                    ConnectionMode.WEBRTC, Optional.of(model), OpenAiSessionConfig.voiceOf(session),
                    consent.storeTranscripts(), request(ctx)), id -> new CreateForwardedSession.Minted<>(
                    useCases.clock().instant().plus(CALL_CONNECT_WINDOW), upstream.createCall(offer.sdp(), sessionJson)));
            sessionId = created.session().id();
            answer = created.result();
        }
        calls.attach(answer.callId(), model, sessionId, principal.user(), useCases.sessionObserver().observe(sessionId));
        ctx.status(201).header("Location", BASE + "/realtime/calls/" + answer.callId())
                .header("Voicegate-Session-Id", sessionId.toString()).header("Cache-Control", "no-store")
                .contentType("application/sdp").result(answer.sdp());
    }

    /** A session created for WebRTC by {@code POST /api/v1/sessions}, owned by the caller and not yet connected. */
    private VoiceSession continuable(Principal principal, String text, Context ctx) {
        var id = SessionId.parse(text).orElseThrow(SessionNotFound::new);
        var session = useCases.getSession().handle(new GetSession.Query(principal.user(), id, request(ctx)));
        if (session.mode() != ConnectionMode.WEBRTC || !session.provider().equals("openai")) {
            throw new BadRequest("invalid_value", "Session " + id + " was not created for an OpenAI WebRTC call.",
                    Optional.of("/session_id"));
        }
        if (session.status() != SessionStatus.CREATED || session.isExpiredAt(useCases.clock().instant())) {
            throw new SessionConflict(session.status(), "Session " + id + " can no longer start a call.");
        }
        return session;
    }

    private void hangUp(Context ctx) {
        var principal = caller(ctx);
        calls.hangUpByOwner(ctx.pathParam("call_id"), principal.user());
        ctx.status(200).contentType("application/json").result("{}");
    }

    // ---- chat completions ----------------------------------------------------------------------------------------

    private void chat(Context ctx) throws IOException {
        var principal = caller(ctx);
        var raw = ctx.bodyAsBytes();
        var body = objectBody(raw, false);
        var model = requiredText(body, "model");
        if (!body.path("messages").isArray()) {
            throw body.has("messages") ? BadRequest.field("/messages", "Field 'messages' must be an array.")
                    : missing("messages");
        }
        var stream = body.path("stream");
        if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
            throw BadRequest.field("/stream", "Field 'stream' must be a boolean.");
        }
        var json = new String(raw, StandardCharsets.UTF_8);
        if (!stream.asBoolean(false)) {
            var answer = upstream.chatCompletion(json);
            var bytes = answer.body();
            var usage = ChatUsage.in(mapper, bytes);
            var res = ctx.res();
            res.setStatus(200);
            res.setContentType(answer.contentType());
            res.setContentLength(bytes.length);
            try {
                var out = res.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException clientGone) {
                LOG.info("Chat answer not delivered: {}", clientGone.getClass().getSimpleName());
            }
            usage.ifPresent(u -> record(principal, model, u));
            return;
        }
        Optional<ChatUsage> usage = Optional.empty();
        try (var events = upstream.streamChatCompletion(json)) {
            var res = ctx.res();
            res.setStatus(200);
            res.setContentType("text/event-stream; charset=utf-8");
            res.setHeader("Cache-Control", "no-cache");
            res.setHeader("X-Accel-Buffering", "no");
            var out = res.getOutputStream();
            out.flush();
            for (var data = events.next(); data.isPresent(); data = events.next()) {
                out.write(("data: " + data.get() + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                // With stream_options.include_usage the last chunk before [DONE] carries the totals.
                if (!data.get().equals("[DONE]") && data.get().contains("\"usage\"")) {
                    var seen = ChatUsage.in(mapper, data.get().getBytes(StandardCharsets.UTF_8));
                    if (seen.isPresent()) usage = seen;
                }
            }
        } catch (IOException brokenMidStream) {
            // The answer is already under way: the client sees the stream end early (no [DONE]), as SDKs expect.
            LOG.info("Chat stream ended early: {}", brokenMidStream.getClass().getSimpleName());
        }
        // Recorded once the client has the whole stream, so the database never holds up or cuts off the answer.
        usage.ifPresent(u -> record(principal, model, u));
    }

    /**
     * Keeps the tokens for the model that answered (the requested one when the answer names none). The client's answer
     * is already sent: a failure here is logged by its kind alone (a database message can quote the row) and dropped.
     */
    private void record(Principal principal, String requestedModel, ChatUsage usage) {
        try {
            useCases.recordApiUsage().handle(new RecordApiUsage.Command(principal.user(), PROVIDER,
                    ApiEndpoint.CHAT_COMPLETIONS, usage.model().isEmpty() ? requestedModel : usage.model(),
                    usage.promptTokens(), usage.completionTokens()));
        } catch (RuntimeException e) {
            LOG.warn("Chat completion usage not recorded ({}); the answer was delivered", e.getClass().getSimpleName());
        }
    }

    // ---- speech --------------------------------------------------------------------------------------------------

    private void speech(Context ctx) throws IOException {
        caller(ctx);
        var raw = ctx.bodyAsBytes();
        var body = objectBody(raw, false);
        requiredText(body, "model");
        var input = requiredText(body, "input");
        // OpenAI counts characters (code points): an emoji is one, though it takes two Java chars.
        int characters = input.codePointCount(0, input.length());
        if (characters > MAX_SPEECH_INPUT) {
            throw new BadRequest("string_above_max_length", "Invalid 'input': string too long. Expected a string with "
                    + "maximum length " + MAX_SPEECH_INPUT + ", but got a string with length " + characters + " instead.",
                    Optional.of("/input"));
        }
        var voice = body.path("voice");
        if (voice.isMissingNode() || voice.isNull()) throw missing("voice");
        boolean custom = voice.isObject() && voice.path("id").isTextual();
        if (!custom && !(voice.isTextual() && VOICES.contains(voice.asText()))) {
            throw new BadRequest("invalid_value", "Invalid value for 'voice': use one of " + String.join(", ",
                    VOICES.stream().sorted().toList()) + ", or {\"id\": \"voice_...\"}.", Optional.of("/voice"));
        }
        var format = body.path("response_format");
        if (!format.isMissingNode() && !format.isNull() && !(format.isTextual() && SPEECH_FORMATS.contains(format.asText()))) {
            throw new BadRequest("invalid_value", "Invalid value for 'response_format': use one of mp3, opus, aac, flac, wav, pcm.",
                    Optional.of("/response_format"));
        }
        var speed = body.path("speed");
        if (!speed.isMissingNode() && !speed.isNull() && !(speed.isNumber() && speed.asDouble() >= 0.25 && speed.asDouble() <= 4.0)) {
            throw new BadRequest("invalid_value", "Invalid value for 'speed': a number from 0.25 to 4.0.", Optional.of("/speed"));
        }
        try (var audio = upstream.speech(new String(raw, StandardCharsets.UTF_8))) {
            var res = ctx.res();
            res.setStatus(200);
            res.setContentType(audio.contentType());
            res.setHeader("Cache-Control", "no-store");
            var out = res.getOutputStream();
            var buffer = new byte[16 * 1024];
            for (int read = audio.body().read(buffer); read >= 0; read = audio.body().read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException brokenMidStream) {
            LOG.info("Speech stream ended early: {}", brokenMidStream.getClass().getSimpleName());
        }
    }

    // ---- models --------------------------------------------------------------------------------------------------

    private void models(Context ctx) {
        caller(ctx);
        var answer = mapper.createObjectNode();
        answer.put("object", "list");
        var data = answer.putArray("data");
        for (var model : settings.realtimeModels()) {
            data.addObject().put("id", model).put("object", "model").put("created", MODEL_CREATED).put("owned_by", "voicegate");
        }
        ctx.contentType("application/json").result(write(answer));
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    /** The authenticated caller, on a server that has an OpenAI key (503 otherwise, after authentication). */
    private Principal caller(Context ctx) {
        var principal = authenticator.require(ctx);
        if (!upstream.configured()) throw new OpenAiNotConfigured();
        return principal;
    }

    private ObjectNode objectBody(Context ctx, boolean emptyAllowed) {
        return objectBody(ctx.bodyAsBytes(), emptyAllowed);
    }

    private ObjectNode objectBody(byte[] raw, boolean emptyAllowed) {
        if (raw.length == 0 && emptyAllowed) return mapper.createObjectNode();
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (IOException e) {
            throw new BadRequest("invalid_json", "We could not parse the JSON body of your request.", Optional.empty());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest("invalid_json", "The request body must be a JSON object.", Optional.empty());
        }
        return object;
    }

    private static String requiredText(JsonNode body, String field) {
        var value = body.path(field);
        if (value.isMissingNode() || value.isNull()) throw missing(field);
        if (!value.isTextual()) throw BadRequest.field("/" + field, "Field '" + field + "' must be a string.");
        return value.asText();
    }

    private static BadRequest missing(String field) {
        return new BadRequest("missing_required_parameter", "Missing required parameter: '" + field + "'.",
                Optional.of("/" + field));
    }

    private ObjectNode parseObject(String json) {
        try {
            if (mapper.readTree(json) instanceof ObjectNode object) return object;
        } catch (IOException e) {
            // Falls through to the provider failure below.
        }
        throw new ProviderUnavailable("The voice provider answered with something that is not a JSON object.");
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RequestContext request(Context ctx) {
        return RequestContext.of(RequestIds.of(ctx), guards.clientAddress(ctx));
    }
}
