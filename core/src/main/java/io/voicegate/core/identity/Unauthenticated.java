package io.voicegate.core.identity;

import io.voicegate.core.VoicegateException;

/** The caller did not prove who they are. The message is deliberately uninformative. */
public final class Unauthenticated extends VoicegateException {

    public Unauthenticated() {
        this("Authentication required or the credential is not valid.");
    }

    public Unauthenticated(String clientSafeMessage) {
        super(clientSafeMessage);
    }

    @Override
    public String code() {
        return "unauthenticated";
    }

    @Override
    public Kind kind() {
        return Kind.UNAUTHENTICATED;
    }
}
