package io.voicegate.http;

import io.voicegate.core.VoicegateException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The request itself is wrong (malformed JSON, a field of the wrong type, a missing field): 400. */
public final class BadRequest extends VoicegateException {

    private final String code;
    private final Optional<String> pointer;

    public BadRequest(String message) {
        this("invalid_request", message, Optional.empty());
    }

    public BadRequest(String code, String message, Optional<String> pointer) {
        super(message);
        this.code = code;
        this.pointer = pointer;
    }

    /** A field failed validation; {@code field} is a JSON pointer such as {@code /metadata}. */
    public static BadRequest field(String pointer, String message) {
        return new BadRequest("invalid_field", message, Optional.of(pointer));
    }

    public Optional<String> pointer() {
        return pointer;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }

    @Override
    public Map<String, Object> details() {
        var details = new LinkedHashMap<String, Object>();
        pointer.ifPresent(p -> details.put("pointer", p));
        return details;
    }
}
