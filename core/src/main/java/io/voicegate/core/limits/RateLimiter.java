package io.voicegate.core.limits;

/**
 * Counts events per bucket (a client address, a user, an account) in fixed windows. A port so that one instance
 * keeps counts in memory and several instances share them (Redis) without any rule changing.
 *
 * <p>Thread-safe. Bucket names are opaque to the limiter; callers prefix them by purpose ({@code auth-ip:...}).
 * Never throws for a refusal: it answers with a {@link RateDecision}.
 */
public interface RateLimiter {

    /** Counts one event in the bucket and says whether it was within the limit. */
    RateDecision acquire(String bucket, RateLimit limit);

    /** Says whether one more event would be within the limit, without counting it. */
    RateDecision peek(String bucket, RateLimit limit);

    /** Forgets the bucket's count (e.g. a successful login clears its failures). */
    void reset(String bucket);
}
