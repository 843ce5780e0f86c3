package io.voicegate.openai;

/**
 * Finds the top-level {@code "type"} string of a realtime event without parsing the rest and without allocating:
 * a single forward scan that skips nested values and strings. OpenAI puts {@code type} first, so the base64 audio
 * of {@code input_audio_buffer.append} and {@code response.output_audio.delta} is never read.
 */
final class EventType {

    static final long ABSENT = -1;

    private EventType() {
    }

    /** Start (high 32 bits) and end (low 32 bits, exclusive) of the type value, or {@link #ABSENT}. */
    static long locate(String frame) {
        int n = frame.length();
        int depth = 0;
        for (int i = 0; i < n; i++) {
            char c = frame.charAt(i);
            if (c == '"') {
                int end = stringEnd(frame, i);
                if (end < 0) return ABSENT;
                if (depth == 1 && end - i == 5 && frame.startsWith("type", i + 1)) {
                    int j = skipSpace(frame, end + 1);
                    if (j < n && frame.charAt(j) == ':') {
                        j = skipSpace(frame, j + 1);
                        if (j >= n || frame.charAt(j) != '"') return ABSENT;
                        int valueEnd = stringEnd(frame, j);
                        return valueEnd < 0 ? ABSENT : ((long) (j + 1) << 32) | valueEnd;
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return ABSENT;
    }

    static int start(long located) {
        return (int) (located >>> 32);
    }

    static int end(long located) {
        return (int) located;
    }

    /** True when the located type equals {@code name}. */
    static boolean is(String frame, long located, String name) {
        int start = start(located);
        return end(located) - start == name.length() && frame.regionMatches(start, name, 0, name.length());
    }

    /** The type as a string (allocates; for logs and tests). */
    static String of(String frame) {
        long located = locate(frame);
        return located == ABSENT ? "" : frame.substring(start(located), end(located));
    }

    /**
     * The closing quote of the string opened at {@code quote}, or -1. Jumps from quote to quote with
     * {@link String#indexOf(int, int)} (vectorised by the JVM) and counts the backslashes before each one: an odd count
     * means it is escaped. A base64 payload has neither, so a 64 KiB audio string placed before {@code type} (as the
     * Python SDK orders {@code input_audio_buffer.append}) is skipped in one call instead of char by char.
     */
    private static int stringEnd(String frame, int quote) {
        int from = quote + 1;
        while (true) {
            int candidate = frame.indexOf('"', from);
            if (candidate < 0) return -1;
            int backslashes = 0;
            for (int k = candidate - 1; k > quote && frame.charAt(k) == '\\'; k--) backslashes++;
            if ((backslashes & 1) == 0) return candidate;
            from = candidate + 1;
        }
    }

    private static int skipSpace(String frame, int from) {
        int j = from;
        while (j < frame.length() && Character.isWhitespace(frame.charAt(j))) j++;
        return j;
    }
}
