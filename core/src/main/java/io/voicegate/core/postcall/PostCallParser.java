package io.voicegate.core.postcall;

/**
 * Turns a verified post-call webhook body of one provider into a provider-neutral {@link PostCallEvent}. Lenient:
 * fields it does not know are ignored, event types it does not know become {@link PostCallEvent.Unsupported}.
 * Thread-safe.
 */
@FunctionalInterface
public interface PostCallParser {

    /** @throws MalformedWebhook when the body is not JSON or lacks what every event of its type must carry */
    PostCallEvent parse(byte[] verifiedBody);
}
