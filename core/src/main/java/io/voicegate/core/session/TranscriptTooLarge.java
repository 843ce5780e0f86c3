package io.voicegate.core.session;

import io.voicegate.core.VoicegateException;

import java.util.Map;

/** A client transcript has too many messages or a message that is too long: 413, nothing stored. */
public final class TranscriptTooLarge extends VoicegateException {

    private final String pointer;

    public TranscriptTooLarge(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    @Override
    public String code() {
        return "transcript_too_large";
    }

    @Override
    public Kind kind() {
        return Kind.TOO_LARGE;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("pointer", pointer);
    }
}
