package io.voicegate.core.postcall;

import io.voicegate.core.VoicegateException;

/** An authentic webhook whose body cannot be understood (not JSON, a required field missing): 400. */
public final class MalformedWebhook extends VoicegateException {

    public MalformedWebhook(String clientSafeMessage) {
        super(clientSafeMessage);
    }

    @Override
    public String code() {
        return "malformed_webhook";
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
