package io.voicegate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The fake's REST endpoints: client secrets, calls and their control, chat completions, speech, models. */
final class FakeOpenAiRest {

    private static final Set<String> SPEECH_FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");
    private static final Map<String, String> SPEECH_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/opus", "aac", "audio/aac",
            "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");

    private final FakeOpenAi fake;
    private final AtomicLong callSequence = new AtomicLong();

    FakeOpenAiRest(FakeOpenAi fake) {
        this.fake = fake;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/v1/realtime/client_secrets", ctx -> guarded(ctx, false, this::clientSecret));
        routes.post("/v1/realtime/calls", ctx -> guarded(ctx, true, this::createCall));
        routes.post("/v1/realtime/calls/{call_id}/{verb}", ctx -> guarded(ctx, false, this::controlCall));
        routes.post("/v1/chat/completions", ctx -> guarded(ctx, false, this::chat));
        routes.post("/v1/audio/speech", ctx -> guarded(ctx, false, this::speech));
        routes.get("/v1/models", ctx -> guarded(ctx, false, this::models));
    }

    private interface Handler {
        void handle(Context ctx) throws Exception;
    }

    private void guarded(Context ctx, boolean ephemeralAllowed, Handler handler) throws Exception {
        fake.record(ctx);
        if (failIfScripted(fake, ctx)) return;
        var credential = FakeOpenAi.bearer(ctx);
        if (credential.isEmpty()) {
            error(ctx, 401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null, "invalid_api_key");
            return;
        }
        if (!fake.accepts(credential.get(), ephemeralAllowed)) {
            error(ctx, 401, "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
                    "invalid_request_error", null, "invalid_api_key");
            return;
        }
        handler.handle(ctx);
    }

    /** Answers with the next scripted failure, if one is queued; true when it did. */
    static boolean failIfScripted(FakeOpenAi fake, Context ctx) {
        var failure = fake.failures.poll();
        if (failure == null) return false;
        switch (failure.status()) {
            case 401 -> error(ctx, 401, "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
                    "invalid_request_error", null, "invalid_api_key");
            case 429 -> {
                if (failure.quotaExhausted()) {
                    error(ctx, 429, "You exceeded your current quota, please check your plan and billing details.",
                            "insufficient_quota", null, "insufficient_quota");
                    return true;
                }
                if (failure.retryAfter() != null) {
                    ctx.res().setHeader("Retry-After", Long.toString(Math.max(1, failure.retryAfter().toSeconds())));
                }
                error(ctx, 429, "Rate limit reached for requests. Please try again in " + (failure.retryAfter() == null ? "a moment" : failure.retryAfter().toSeconds() + "s") + ".",
                        "requests", null, "rate_limit_exceeded");
            }
            case 404 -> error(ctx, 404, "The model does not exist or you do not have access to it.", "invalid_request_error", null,
                    "model_not_found");
            case 500 -> error(ctx, 500, "The server had an error while processing your request. Sorry about that!", "server_error", null, null);
            case 503 -> error(ctx, 503, "The engine is currently overloaded, please try again later.", "server_error", null, "server_is_overloaded");
            default -> error(ctx, failure.status(), "Simulated failure.", "invalid_request_error", null, null);
        }
        return true;
    }

    static void error(Context ctx, int status, String message, String type, String param, String code) {
        write(ctx, status, "application/json", FakeJson.write(FakeJson.errorBody(message, type, param, code)).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes straight to the servlet response (also used before a WebSocket upgrade, where Javalin writes nothing). */
    static void write(Context ctx, int status, String contentType, byte[] body) {
        var res = ctx.res();
        res.setStatus(status);
        res.setContentType(contentType);
        res.setHeader("x-request-id", FakeJson.id("req_"));
        res.setContentLength(body.length);
        try {
            res.getOutputStream().write(body);
            res.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void invalid(Context ctx, String message, String param, String code) {
        error(ctx, 400, message, "invalid_request_error", param, code);
    }

    private static void missing(Context ctx, String param) {
        invalid(ctx, "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    private static JsonNode jsonBody(Context ctx) {
        var node = FakeJson.parse(ctx.bodyAsBytes());
        if (node == null || !node.isObject()) {
            invalid(ctx, "We could not parse the JSON body of your request.", null, null);
            return null;
        }
        return node;
    }

    // ---- client secrets --------------------------------------------------------------------------------------

    private void clientSecret(Context ctx) {
        var raw = ctx.bodyAsBytes();
        JsonNode body = raw.length == 0 ? FakeJson.object() : jsonBody(ctx);
        if (body == null) return;
        long seconds = 600;
        var expiresAfter = body.get("expires_after");
        if (expiresAfter != null) {
            if (!"created_at".equals(expiresAfter.path("anchor").asText("created_at"))) {
                invalid(ctx, "Invalid value for 'expires_after.anchor': only 'created_at' is supported.", "expires_after.anchor", "invalid_value");
                return;
            }
            seconds = expiresAfter.path("seconds").asLong(600);
            if (seconds < 10 || seconds > 7200) {
                invalid(ctx, "Invalid 'expires_after.seconds': must be between 10 and 7200.", "expires_after.seconds", "invalid_value");
                return;
            }
        }
        var requested = body.get("session");
        long now = System.currentTimeMillis() / 1000;
        ObjectNode session;
        if (requested == null) {
            session = FakeSessions.defaults("gpt-realtime", false, 0);
        } else {
            var problem = FakeSessions.validate(requested, "session");
            if (problem.isPresent()) {
                invalid(ctx, problem.get().message(), problem.get().param(), problem.get().code());
                return;
            }
            boolean transcription = requested.path("type").asText().equals("transcription");
            session = FakeSessions.defaults(requested.path("model").asText("gpt-realtime"), transcription, 0);
            FakeJson.deepMerge(session, requested);
        }
        var value = "ek_" + FakeJson.hex(16);
        fake.clientSecrets.put(value, session.deepCopy());
        var answer = FakeJson.object();
        answer.put("value", value);
        answer.put("expires_at", now + seconds);
        answer.set("session", session);
        write(ctx, 200, "application/json", FakeJson.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    // ---- WebRTC calls ----------------------------------------------------------------------------------------

    private void createCall(Context ctx) {
        var contentType = String.valueOf(ctx.contentType());
        String sdp;
        JsonNode sessionConfig = null;
        if (contentType.startsWith("application/sdp")) {
            sdp = ctx.body();
            var credential = FakeOpenAi.bearer(ctx).orElse("");
            sessionConfig = fake.clientSecrets.get(credential);
        } else if (contentType.startsWith("multipart/form-data")) {
            var parts = Multipart.parse(contentType, ctx.bodyAsBytes());
            sdp = parts.get("sdp");
            if (sdp == null) {
                missing(ctx, "sdp");
                return;
            }
            var session = parts.get("session");
            if (session != null) {
                sessionConfig = FakeJson.parse(session);
                var problem = FakeSessions.validate(sessionConfig, "session");
                if (problem.isPresent()) {
                    invalid(ctx, problem.get().message(), problem.get().param(), problem.get().code());
                    return;
                }
            }
        } else {
            invalid(ctx, "Unsupported content type: use application/sdp or multipart/form-data.", null, "unsupported_content_type");
            return;
        }
        if (!sdp.startsWith("v=0")) {
            invalid(ctx, "Invalid SDP offer.", "sdp", "invalid_offer");
            return;
        }
        var session = FakeSessions.defaults(sessionConfig == null ? "gpt-realtime" : sessionConfig.path("model").asText("gpt-realtime"), false, 0);
        if (sessionConfig != null) FakeJson.deepMerge(session, sessionConfig);
        var id = "rtc_u1_" + FakeJson.hex(16);
        fake.calls.put(id, new FakeCall(id, callSequence.incrementAndGet(), session));
        ctx.res().setHeader("Location", "/v1/realtime/calls/" + id);
        write(ctx, 201, "application/sdp", answerSdp().getBytes(StandardCharsets.UTF_8));
    }

    private void controlCall(Context ctx) {
        var call = fake.calls.get(ctx.pathParam("call_id"));
        var verb = ctx.pathParam("verb");
        if (!List.of("hangup", "accept", "reject", "refer").contains(verb)) {
            error(ctx, 404, "Invalid URL (POST " + ctx.path() + ")", "invalid_request_error", null, null);
            return;
        }
        if (call == null || call.hungUp()) {
            error(ctx, 404, "Call not found.", "invalid_request_error", "call_id", "call_not_found");
            return;
        }
        if (verb.equals("hangup") || verb.equals("reject")) {
            call.hangUp();
            for (var connection : fake.connections.values()) {
                if (call.id().equals(connection.callId())) connection.close(1000, "call ended");
            }
        }
        write(ctx, 200, "application/json", new byte[0]);
    }

    private static String answerSdp() {
        return String.join("\r\n", "v=0", "o=- 4227147428 1719357865 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0 1", "a=msid-semantic:WMS *", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8", "c=IN IP4 0.0.0.0",
                "a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=mid:0", "a=sendrecv",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:1", "a=sctp-port:5000", "");
    }

    // ---- chat completions ------------------------------------------------------------------------------------

    private void chat(Context ctx) throws Exception {
        var body = jsonBody(ctx);
        if (body == null) return;
        if (!body.hasNonNull("model")) {
            missing(ctx, "model");
            return;
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            missing(ctx, "messages");
            return;
        }
        var model = body.get("model").asText();
        var id = "chatcmpl-" + FakeJson.id("");
        long created = System.currentTimeMillis() / 1000;
        var words = words(fake.chatReply);
        int promptTokens = 5 + body.get("messages").size() * 4;
        var usage = FakeJson.object();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", words.size());
        usage.put("total_tokens", promptTokens + words.size());
        if (!body.path("stream").asBoolean(false)) {
            var answer = FakeJson.object();
            answer.put("id", id);
            answer.put("object", "chat.completion");
            answer.put("created", created);
            answer.put("model", model);
            var choice = answer.putArray("choices").addObject();
            choice.put("index", 0);
            var message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", fake.chatReply);
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", "stop");
            answer.set("usage", usage);
            answer.put("system_fingerprint", "fp_fake");
            answer.put("service_tier", "default");
            write(ctx, 200, "application/json", FakeJson.write(answer).getBytes(StandardCharsets.UTF_8));
            return;
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("x-request-id", FakeJson.id("req_"));
        res.setHeader("Cache-Control", "no-cache");
        var out = res.getOutputStream();
        var role = FakeJson.object().put("role", "assistant").put("content", "");
        role.putNull("refusal");
        sse(out, chunk(id, created, model, role, null, includeUsage));
        boolean first = true;
        for (var word : words) {
            sse(out, chunk(id, created, model, FakeJson.object().put("content", word), null, includeUsage));
            if (first) {
                first = false;
                fake.awaitStreamRelease();
            }
        }
        sse(out, chunk(id, created, model, FakeJson.object(), "stop", includeUsage));
        if (includeUsage) {
            var last = FakeJson.object();
            last.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
            last.put("system_fingerprint", "fp_fake");
            last.putArray("choices");
            last.set("usage", usage);
            sse(out, FakeJson.write(last));
        }
        sse(out, "[DONE]");
    }

    private static String chunk(String id, long created, String model, ObjectNode delta, String finish, boolean includeUsage) {
        var chunk = FakeJson.object();
        chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        chunk.put("system_fingerprint", "fp_fake");
        var choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finish);
        if (includeUsage) chunk.putNull("usage");
        return FakeJson.write(chunk);
    }

    private static void sse(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static List<String> words(String text) {
        var words = new java.util.ArrayList<String>();
        var matcher = java.util.regex.Pattern.compile("\\S+\\s*").matcher(text);
        while (matcher.find()) words.add(matcher.group());
        if (words.isEmpty()) words.add(text);
        return words;
    }

    // ---- speech ----------------------------------------------------------------------------------------------

    private void speech(Context ctx) throws Exception {
        var body = jsonBody(ctx);
        if (body == null) return;
        for (var field : List.of("model", "input", "voice")) {
            if (!body.hasNonNull(field)) {
                missing(ctx, field);
                return;
            }
        }
        var input = body.get("input").asText();
        int characters = input.codePointCount(0, input.length());
        if (characters > 4096) {
            invalid(ctx, "Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length "
                    + characters + " instead.", "input", "string_above_max_length");
            return;
        }
        var format = body.path("response_format").asText("mp3");
        if (!SPEECH_FORMATS.contains(format)) {
            invalid(ctx, "Invalid value: '" + format + "'. Supported values are: 'mp3', 'opus', 'aac', 'flac', 'wav', and 'pcm'.",
                    "response_format", "invalid_value");
            return;
        }
        // 50 ms of "audio" per character, in 4 chunks; content is silence with a recognisable header for mp3.
        int total = Math.max(4, characters * 2400);
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType(SPEECH_TYPES.get(format));
        res.setHeader("x-request-id", FakeJson.id("req_"));
        var out = res.getOutputStream();
        int chunk = (total + 3) / 4;
        for (int sent = 0, index = 0; sent < total; sent += chunk, index++) {
            var bytes = new byte[Math.min(chunk, total - sent)];
            if (index == 0 && format.equals("mp3") && bytes.length >= 3) {
                bytes[0] = 'I';
                bytes[1] = 'D';
                bytes[2] = '3';
            }
            out.write(bytes);
            out.flush();
            if (index == 0) fake.awaitStreamRelease();
        }
    }

    private void models(Context ctx) {
        var answer = FakeJson.object();
        answer.put("object", "list");
        var data = answer.putArray("data");
        for (var model : List.of("gpt-realtime", "gpt-realtime-mini", "gpt-4o-mini", "gpt-4o-mini-tts")) {
            data.addObject().put("id", model).put("object", "model").put("created", 1700000000).put("owned_by", "openai");
        }
        write(ctx, 200, "application/json", FakeJson.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    /** A minimal multipart/form-data reader: part name to text content. */
    static final class Multipart {
        static Map<String, String> parse(String contentType, byte[] body) {
            var parts = new LinkedHashMap<String, String>();
            var boundaryIndex = contentType.indexOf("boundary=");
            if (boundaryIndex < 0) return parts;
            var boundary = contentType.substring(boundaryIndex + 9).replace("\"", "").split(";")[0].strip();
            var text = new String(body, StandardCharsets.UTF_8);
            for (var section : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
                int headerEnd = section.indexOf("\r\n\r\n");
                if (headerEnd < 0) continue;
                var headers = section.substring(0, headerEnd);
                var matcher = java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
                if (!matcher.find()) continue;
                var content = section.substring(headerEnd + 4);
                if (content.endsWith("\r\n")) content = content.substring(0, content.length() - 2);
                parts.put(matcher.group(1), content);
            }
            return parts;
        }
    }
}
