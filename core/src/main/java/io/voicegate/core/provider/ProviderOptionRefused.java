package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.util.Map;
import java.util.Objects;

/** The client asked for a provider option (e.g. an ElevenLabs agent) that policy does not allow: 400 naming it. */
public final class ProviderOptionRefused extends VoicegateException {

    private final String option;

    public ProviderOptionRefused(String option, String clientSafeMessage) {
        super(clientSafeMessage);
        this.option = Objects.requireNonNull(option, "option");
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
        return Map.of("pointer", "/" + option);
    }
}
