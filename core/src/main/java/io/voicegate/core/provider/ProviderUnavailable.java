package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

/**
 * The voice provider could not serve the request: unreachable, failing (5xx), or refusing Voicegate's own
 * credentials. Not the client's fault; the message is client-safe and names no key.
 */
public final class ProviderUnavailable extends VoicegateException {

    public ProviderUnavailable(String clientSafeMessage) {
        super(clientSafeMessage);
    }

    public ProviderUnavailable(String clientSafeMessage, Throwable cause) {
        super(clientSafeMessage, cause);
    }

    @Override
    public String code() {
        return "provider_unavailable";
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
