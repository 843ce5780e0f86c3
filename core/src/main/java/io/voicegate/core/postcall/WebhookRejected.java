package io.voicegate.core.postcall;

import io.voicegate.core.VoicegateException;

import java.util.Objects;

/** A webhook request whose signature is missing, malformed, out of its time window or wrong: 401. */
public final class WebhookRejected extends VoicegateException {

    /** Why; each is a distinct failure worth its own test, none tells an attacker anything useful. */
    public enum Reason {
        MISSING_SIGNATURE("the signature header is missing"),
        MALFORMED_SIGNATURE("the signature header is malformed"),
        STALE("the signature timestamp is too old"),
        FROM_THE_FUTURE("the signature timestamp is too far in the future"),
        MISMATCH("the signature does not match the body");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Reason reason;

    public WebhookRejected(Reason reason) {
        super("Webhook rejected: " + Objects.requireNonNull(reason, "reason").text + ".");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String code() {
        return "invalid_webhook_signature";
    }

    @Override
    public Kind kind() {
        return Kind.UNAUTHENTICATED;
    }
}
