package io.voicegate.http;

import io.voicegate.core.VoicegateException;

/** The request body is larger than the route accepts: 413. */
public final class PayloadTooLarge extends VoicegateException {

    public PayloadTooLarge(long limitBytes) {
        super("The request body is larger than the " + limitBytes + " bytes this route accepts.");
    }

    @Override
    public String code() {
        return "payload_too_large";
    }

    @Override
    public Kind kind() {
        return Kind.TOO_LARGE;
    }
}
