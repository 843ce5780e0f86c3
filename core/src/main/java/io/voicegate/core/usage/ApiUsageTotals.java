package io.voicegate.core.usage;

/** What API calls of one endpoint kind added up to: how many reported usage, and their tokens. */
public record ApiUsageTotals(long requests, long promptTokens, long completionTokens) {

    public static final ApiUsageTotals NONE = new ApiUsageTotals(0, 0, 0);

    public ApiUsageTotals {
        if (requests < 0 || promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("totals must be non-negative");
        }
    }

    public static ApiUsageTotals of(ApiUsageRecord record) {
        return new ApiUsageTotals(1, record.promptTokens(), record.completionTokens());
    }

    public ApiUsageTotals plus(ApiUsageTotals other) {
        return new ApiUsageTotals(requests + other.requests, promptTokens + other.promptTokens,
                completionTokens + other.completionTokens);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
