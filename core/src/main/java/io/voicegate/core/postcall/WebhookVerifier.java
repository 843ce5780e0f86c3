package io.voicegate.core.postcall;

/**
 * Checks that a webhook request really comes from the provider (a signature over the raw bytes, a fresh timestamp),
 * before anything parses it. Thread-safe.
 */
@FunctionalInterface
public interface WebhookVerifier {

    /** @throws WebhookRejected naming why, for every request that is not provably authentic and fresh */
    void verify(WebhookRequest request);
}
