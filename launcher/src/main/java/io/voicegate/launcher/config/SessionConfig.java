package io.voicegate.launcher.config;

import io.voicegate.core.session.SessionPolicy;
import io.voicegate.core.usage.QuotaLimits;
import io.voicegate.core.usage.UsagePricing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Session time limits, the sweep interval, per-user quotas and the usage price table. */
public record SessionConfig(Duration sweepInterval, SessionPolicy policy, QuotaLimits quotas, UsagePricing pricing) {

    public static final Variable SESSION_SWEEP_SECONDS = Variable.of("SESSION_SWEEP_SECONDS", "30",
            "How often expired and overlong sessions are swept.", "30");
    public static final Variable SESSION_MAX_SECONDS = Variable.of("SESSION_MAX_SECONDS", "1800",
            "Longest a session may stay connected; the sweeper ends it with max_duration.", "3600");
    public static final Variable SESSION_IDLE_SECONDS = Variable.of("SESSION_IDLE_SECONDS", "120",
            "Silence after which the relay ends a session with idle_timeout.", "300");
    public static final Variable QUOTA_DAILY_MINUTES = Variable.of("QUOTA_DAILY_MINUTES", "",
            "Connected minutes per user per UTC day (unset: unlimited).", "60");
    public static final Variable QUOTA_DAILY_COST_USD = Variable.of("QUOTA_DAILY_COST_USD", "",
            "Estimated provider cost per user per UTC day in USD (unset: unlimited).", "5.00");
    public static final Variable QUOTA_CONCURRENT_SESSIONS = Variable.of("QUOTA_CONCURRENT_SESSIONS", "2",
            "Sessions a user may have open at once (unconnected ones count until their credential expires).", "3");
    public static final Variable USAGE_PRICES = Variable.of("USAGE_PRICES", "",
            "Price overrides, provider/model:key=value,...;... (keys text_in, text_out, audio_in, audio_out per 1M tokens, "
                    + "audio_minute_in, audio_minute_out per minute, characters per 1M). Default: OpenAI gpt-realtime list prices.",
            "elevenlabs/*:audio_minute_in=0.10");

    public static final List<Variable> VARIABLES = List.of(SESSION_SWEEP_SECONDS, SESSION_MAX_SECONDS,
            SESSION_IDLE_SECONDS, QUOTA_DAILY_MINUTES, QUOTA_DAILY_COST_USD, QUOTA_CONCURRENT_SESSIONS, USAGE_PRICES);

    public SessionConfig {
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(pricing, "pricing");
    }

    public static SessionConfig from(Env env) {
        var sweep = Duration.ofSeconds(env.integer(SESSION_SWEEP_SECONDS, 1, 3600));
        var policy = new SessionPolicy(Duration.ofSeconds(env.integer(SESSION_MAX_SECONDS, 10, 86_400)),
                Duration.ofSeconds(env.integer(SESSION_IDLE_SECONDS, 5, 86_400)));
        var quotas = new QuotaLimits(env.optionalInteger(QUOTA_DAILY_MINUTES, 0, 1_440),
                env.optionalDecimal(QUOTA_DAILY_COST_USD, 0), env.integer(QUOTA_CONCURRENT_SESSIONS, 1, 1000));
        UsagePricing pricing;
        try {
            pricing = UsagePricing.parse(env.text(USAGE_PRICES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(USAGE_PRICES, "provider/model:key=value,... entries separated by ';' (" + e.getMessage() + ")");
        }
        return new SessionConfig(sweep, policy, quotas, pricing);
    }
}
