package io.voicegate.core.consent;

import java.util.Arrays;
import java.util.Optional;

/** What a user consents to. {@link #VOICE_PROCESSING} is required for any session; the others are optional. */
public enum Purpose {

    VOICE_PROCESSING("voice_processing", true),
    TRANSCRIPT_STORAGE("transcript_storage", false);

    private final String id;
    private final boolean required;

    Purpose(String id, boolean required) {
        this.id = id;
        this.required = required;
    }

    /** The stable wire name, e.g. {@code voice_processing}. */
    public String id() {
        return id;
    }

    /** Whether no session may start without a current consent for this purpose. */
    public boolean required() {
        return required;
    }

    /** The purpose with this wire name; empty when there is none. */
    public static Optional<Purpose> parse(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
