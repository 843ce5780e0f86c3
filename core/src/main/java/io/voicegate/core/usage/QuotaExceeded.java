package io.voicegate.core.usage;

import io.voicegate.core.VoicegateException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A quota refuses the request: 429, type {@code quota_exceeded}, naming the quota, its limit and what is used. */
public final class QuotaExceeded extends VoicegateException {

    private final String quota;
    private final Number limit;
    private final Number used;
    private final Optional<Duration> retryAfter;

    public QuotaExceeded(String quota, Number limit, Number used, Optional<Duration> retryAfter) {
        super("Quota '" + quota + "' is exhausted (limit " + limit + ", used " + used + ").");
        this.quota = quota;
        this.limit = limit;
        this.used = used;
        this.retryAfter = retryAfter;
    }

    public String quota() {
        return quota;
    }

    @Override
    public String code() {
        return "quota_exceeded";
    }

    @Override
    public Kind kind() {
        return Kind.RATE_LIMITED;
    }

    @Override
    public Map<String, Object> details() {
        var details = new LinkedHashMap<String, Object>();
        details.put("quota", quota);
        details.put("limit", limit);
        details.put("used", used);
        return details;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
