package io.voicegate.openai;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A streamed chat completion as OpenAI sends it: server-sent events, each one {@code data:} payload (a JSON chunk,
 * and finally {@code [DONE]}). {@link #next()} returns each payload as soon as its event is complete, so a gateway
 * can pass chunks on one by one. Not thread-safe; the caller closes it.
 */
public final class ChatCompletionStream implements AutoCloseable {

    /** Token counts of a completion, from the usage chunk ({@code stream_options.include_usage}). */
    public record Usage(long promptTokens, long completionTokens) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final InputStream body;
    private final BufferedReader reader;

    ChatCompletionStream(InputStream body) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event's data (multi-line data joined with newlines); empty at the end of the stream. */
    public Optional<String> next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) return Optional.of(data.toString());
                continue;
            }
            if (line.startsWith(":")) continue;
            if (line.startsWith("data:")) {
                var value = line.substring(line.startsWith("data: ") ? 6 : 5);
                if (data == null) data = new StringBuilder(value);
                else data.append('\n').append(value);
            }
        }
        return data == null ? Optional.empty() : Optional.of(data.toString());
    }

    /** The usage a chunk carries, if it is the usage chunk. */
    public static Optional<Usage> usageOf(String data) {
        if (!data.contains("\"usage\"") || !data.contains("prompt_tokens")) return Optional.empty();
        try {
            var usage = MAPPER.readTree(data).path("usage");
            if (!usage.isObject()) return Optional.empty();
            return Optional.of(new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0)));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
