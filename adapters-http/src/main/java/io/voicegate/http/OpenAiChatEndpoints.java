package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.RecordApiUsage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import static io.voicegate.http.OpenAiRestEndpoints.BASE;

/**
 * {@code POST /openai/v1/chat/completions}, forwarded with the server's key: the whole answer at once, or streamed
 * chunk by chunk as it arrives. The token usage the answer reports is recorded once the client has it.
 */
final class OpenAiChatEndpoints implements Endpoints {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenAiChatEndpoints.class);
    private static final String PROVIDER = "openai";

    private final OpenAiCaller caller;
    private final RecordApiUsage recordApiUsage;
    private final OpenAiUpstream upstream;
    private final ObjectMapper mapper;

    OpenAiChatEndpoints(OpenAiCaller caller, ObjectMapper mapper, RecordApiUsage recordApiUsage,
                        OpenAiUpstream upstream) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.recordApiUsage = Objects.requireNonNull(recordApiUsage, "recordApiUsage");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE + "/chat/completions", this::chat);
    }

    private void chat(Context ctx) throws IOException {
        var principal = caller.require(ctx);
        var raw = ctx.bodyAsBytes();
        var body = OpenAiRequestBody.object(mapper, raw, false);
        var model = OpenAiRequestBody.requiredText(body, "model");
        if (!body.path("messages").isArray()) {
            throw body.has("messages") ? BadRequest.field("/messages", "Field 'messages' must be an array.")
                    : OpenAiRequestBody.missing("messages");
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
            recordApiUsage.handle(new RecordApiUsage.Command(principal.user(), PROVIDER,
                    ApiEndpoint.CHAT_COMPLETIONS, usage.model().isEmpty() ? requestedModel : usage.model(),
                    usage.promptTokens(), usage.completionTokens()));
        } catch (RuntimeException e) {
            LOG.warn("Chat completion usage not recorded ({}); the answer was delivered", e.getClass().getSimpleName());
        }
    }
}
