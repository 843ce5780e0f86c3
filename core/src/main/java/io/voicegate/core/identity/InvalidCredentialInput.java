package io.voicegate.core.identity;

import io.voicegate.core.VoicegateException;

import java.util.Map;

/** A register or login field is malformed (a short password, not an email): 400 naming the field. */
public final class InvalidCredentialInput extends VoicegateException {

    private final String field;

    public InvalidCredentialInput(String field, String clientSafeMessage) {
        super(clientSafeMessage);
        this.field = field;
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
        return Map.of("pointer", "/" + field);
    }
}
