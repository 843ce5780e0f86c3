package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.voicegate.http.OpenAiRestEndpoints.BASE;

/**
 * {@code POST /openai/v1/audio/speech}: the request checked as OpenAI checks it, forwarded with the server's key, and
 * the audio streamed to the client as it arrives.
 */
final class OpenAiSpeechEndpoints implements Endpoints {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenAiSpeechEndpoints.class);
    static final int MAX_SPEECH_INPUT = 4096;
    private static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova",
            "sage", "shimmer", "verse", "marin", "cedar");
    private static final Set<String> SPEECH_FORMATS = Set.of("mp3", "opus", "aac", "flac", "wav", "pcm");

    private final OpenAiCaller caller;
    private final OpenAiUpstream upstream;
    private final ObjectMapper mapper;

    OpenAiSpeechEndpoints(OpenAiCaller caller, ObjectMapper mapper, OpenAiUpstream upstream) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE + "/audio/speech", this::speech);
    }

    private void speech(Context ctx) throws IOException {
        caller.require(ctx);
        var raw = ctx.bodyAsBytes();
        var body = OpenAiRequestBody.object(mapper, raw, false);
        OpenAiRequestBody.requiredText(body, "model");
        var input = OpenAiRequestBody.requiredText(body, "input");
        // OpenAI counts characters (code points): an emoji is one, though it takes two Java chars.
        int characters = input.codePointCount(0, input.length());
        if (characters > MAX_SPEECH_INPUT) {
            throw new BadRequest("string_above_max_length", "Invalid 'input': string too long. Expected a string with "
                    + "maximum length " + MAX_SPEECH_INPUT + ", but got a string with length " + characters + " instead.",
                    Optional.of("/input"));
        }
        var voice = body.path("voice");
        if (voice.isMissingNode() || voice.isNull()) throw OpenAiRequestBody.missing("voice");
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
}
