package io.voicegate.core.session;

import io.voicegate.core.VoicegateException;

import java.util.Map;

/**
 * A session, transcript or usage request names a value that is not acceptable: 400, naming the field (a JSON
 * pointer such as {@code /model}) or the query parameter.
 */
public final class InvalidSessionRequest extends VoicegateException {

    private final Map<String, Object> details;

    private InvalidSessionRequest(String message, Map<String, Object> details) {
        super(message);
        this.details = Map.copyOf(details);
    }

    /** A body field, by JSON pointer. */
    public static InvalidSessionRequest field(String pointer, String message) {
        return new InvalidSessionRequest(message, Map.of("pointer", pointer));
    }

    /** A query parameter, by name. */
    public static InvalidSessionRequest parameter(String name, String message) {
        return new InvalidSessionRequest(message, Map.of("parameter", name));
    }

    @Override
    public String code() {
        return "invalid_field";
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
