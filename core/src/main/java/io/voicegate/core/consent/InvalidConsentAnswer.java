package io.voicegate.core.consent;

import io.voicegate.core.VoicegateException;

import java.util.Map;

/** A consent answer names a policy version that does not exist (yet): 400 naming the field. */
public final class InvalidConsentAnswer extends VoicegateException {

    private final String pointer;

    public InvalidConsentAnswer(String pointer, String message) {
        super(message);
        this.pointer = pointer;
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
