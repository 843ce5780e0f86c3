package io.voicegate.http;

import io.javalin.http.Context;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.limits.RateLimit;
import io.voicegate.core.limits.RateLimiter;

import java.util.Objects;

/**
 * The abuse checks a route calls before doing anything costly: the origin allow list, then per-address and
 * per-user rate limits (429 with {@code Retry-After}). The client address comes from {@link ClientAddresses}, so
 * {@code X-Forwarded-For} counts only from a trusted proxy. Thread-safe.
 */
public final class Guards {

    /**
     * @param authPerAddress    register, login and refresh, per client address
     * @param mintingPerAddress requests that mint a credential, open a session or relay, per client address
     * @param mintingPerUser    the same, per user
     */
    public record Limits(RateLimit authPerAddress, RateLimit mintingPerAddress, RateLimit mintingPerUser) {
        public Limits {
            Objects.requireNonNull(authPerAddress, "authPerAddress");
            Objects.requireNonNull(mintingPerAddress, "mintingPerAddress");
            Objects.requireNonNull(mintingPerUser, "mintingPerUser");
        }

        /** 20 auth attempts, 10 credential mintings per address and 10 per user, each per minute. */
        public static Limits defaults() {
            return new Limits(RateLimit.perMinute(20), RateLimit.perMinute(10), RateLimit.perMinute(10));
        }
    }

    private final OriginPolicy origins;
    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final Limits limits;

    public Guards(OriginPolicy origins, RateLimiter limiter, ClientAddresses addresses, Limits limits) {
        this.origins = Objects.requireNonNull(origins, "origins");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Register, login, refresh: allowed origin, then the per-address auth limit. */
    public void authAttempt(Context ctx) {
        origins.requireAllowedOrigin(ctx);
        limiter.acquire("auth-ip:" + clientAddress(ctx), limits.authPerAddress())
                .orThrow("Too many sign-in attempts from this address; try again later.");
    }

    /**
     * A request that mints a provider credential, opens a session or starts a relay (also a WebSocket upgrade):
     * allowed origin, then the per-address and per-user limits.
     */
    public void credentialMinting(Context ctx, Principal principal) {
        origins.requireAllowedOrigin(ctx);
        limiter.acquire("mint-ip:" + clientAddress(ctx), limits.mintingPerAddress())
                .orThrow("Too many sessions requested from this address; try again later.");
        limiter.acquire("mint-user:" + principal.user(), limits.mintingPerUser())
                .orThrow("Too many sessions requested for this user; try again later.");
    }

    public String clientAddress(Context ctx) {
        return addresses.of(ctx);
    }

    public OriginPolicy origins() {
        return origins;
    }
}
