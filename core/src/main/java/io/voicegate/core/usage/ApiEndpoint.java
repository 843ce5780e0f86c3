package io.voicegate.core.usage;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which provider API endpoint, called outside any voice session, a usage record counts. Today only chat completions
 * report token usage; speech (characters) would be another constant with the amounts it reports.
 */
public enum ApiEndpoint {

    /** {@code POST /chat/completions}, streamed or not: prompt and completion tokens. */
    CHAT_COMPLETIONS("chat_completions");

    private final String wire;

    ApiEndpoint(String wire) {
        this.wire = wire;
    }

    /** The snake_case name in the database and in JSON documents. */
    public String wire() {
        return wire;
    }

    public static Optional<ApiEndpoint> parse(String text) {
        return Arrays.stream(values()).filter(e -> e.wire.equals(text)).findFirst();
    }
}
