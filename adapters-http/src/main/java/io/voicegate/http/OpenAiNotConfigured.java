package io.voicegate.http;

import io.voicegate.core.VoicegateException;

/** The {@code /openai/v1} surface without {@code OPENAI_API_KEY}: 503 until an operator sets it. */
final class OpenAiNotConfigured extends VoicegateException {

    OpenAiNotConfigured() {
        super("OpenAI is not configured on this server: the operator must set OPENAI_API_KEY.");
    }

    @Override
    public String code() {
        return "provider_not_configured";
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
