package io.voicegate.core.realtime;

/**
 * Usage the provider reported during a relay, in provider-neutral units; fields a provider does not report are 0.
 */
public record RelayUsage(long textTokensIn, long textTokensOut, long audioTokensIn, long audioTokensOut,
                         long cachedTokensIn, long audioMillisIn, long audioMillisOut, String model) {

    public RelayUsage {
        if (textTokensIn < 0 || textTokensOut < 0 || audioTokensIn < 0 || audioTokensOut < 0 || cachedTokensIn < 0
                || audioMillisIn < 0 || audioMillisOut < 0) {
            throw new IllegalArgumentException("usage amounts must be >= 0");
        }
        model = model == null ? "" : model;
    }

    /** Nothing reported. */
    public static final RelayUsage NONE = new RelayUsage(0, 0, 0, 0, 0, 0, 0, "");

    public boolean isEmpty() {
        return equals(NONE);
    }

    public long totalTokens() {
        return textTokensIn + textTokensOut + audioTokensIn + audioTokensOut;
    }
}
