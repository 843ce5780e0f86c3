package io.voicegate.core.usage;

/**
 * Amounts a provider reports for (part of) a session: audio seconds each way, text and audio tokens each way, and
 * characters synthesised. All non-negative; amounts add up.
 */
public record Usage(double audioSecondsIn, double audioSecondsOut, long textTokensIn, long textTokensOut,
                    long audioTokensIn, long audioTokensOut, long characters) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0);

    public Usage {
        if (audioSecondsIn < 0 || audioSecondsOut < 0 || Double.isNaN(audioSecondsIn) || Double.isNaN(audioSecondsOut)
                || textTokensIn < 0 || textTokensOut < 0 || audioTokensIn < 0 || audioTokensOut < 0 || characters < 0) {
            throw new IllegalArgumentException("usage amounts must be non-negative");
        }
    }

    public Usage plus(Usage other) {
        return new Usage(audioSecondsIn + other.audioSecondsIn, audioSecondsOut + other.audioSecondsOut,
                textTokensIn + other.textTokensIn, textTokensOut + other.textTokensOut,
                audioTokensIn + other.audioTokensIn, audioTokensOut + other.audioTokensOut,
                characters + other.characters);
    }

    public long tokens() {
        return textTokensIn + textTokensOut + audioTokensIn + audioTokensOut;
    }
}
