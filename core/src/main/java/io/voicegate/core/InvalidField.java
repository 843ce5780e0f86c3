package io.voicegate.core;

import java.util.Map;

/** One field of a request is not acceptable (malformed, out of range): 400 naming the field by its JSON pointer. */
public final class InvalidField extends VoicegateException {

    private final String pointer;

    /** @param pointer the field as a JSON pointer, e.g. {@code /email} */
    public InvalidField(String pointer, String clientSafeMessage) {
        super(clientSafeMessage);
        if (!pointer.startsWith("/")) throw new IllegalArgumentException("a JSON pointer starts with '/': " + pointer);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
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
        return Map.of("pointer", pointer);
    }
}
