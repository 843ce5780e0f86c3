package io.voicegate.bench;

/**
 * The timestamps a benchmark frame carries in its {@code event_id}, which a relay passes unchanged: the generator
 * writes {@code vg<seq>.<sent nanos>}, the fake upstream's echo appends {@code .<answered nanos>}. All are
 * {@code System.nanoTime()} readings (CLOCK_MONOTONIC on Linux, so comparable between processes on one machine).
 */
record Stamp(int seq, long sentNanos, long answeredNanos) {

    private static final String TYPE_DELTA = "{\"type\":\"response.output_audio.delta\"";
    private static final String EVENT_ID = "\"event_id\":\"vg";

    static String append(int seq, long sentNanos, String audioBase64) {
        return "{\"type\":\"input_audio_buffer.append\",\"event_id\":\"vg" + seq + "." + sentNanos + "\",\"audio\":\"" + audioBase64 + "\"}";
    }

    /** The stamp of an echoed audio delta, or null when the frame is something else. */
    static Stamp ofEcho(String frame) {
        if (!frame.startsWith(TYPE_DELTA)) return null;
        int at = frame.indexOf(EVENT_ID, TYPE_DELTA.length());
        if (at < 0) return null;
        int i = at + EVENT_ID.length();
        int dot1 = frame.indexOf('.', i);
        int dot2 = dot1 < 0 ? -1 : frame.indexOf('.', dot1 + 1);
        int quote = dot2 < 0 ? -1 : frame.indexOf('"', dot2 + 1);
        if (quote < 0) return null;
        try {
            return new Stamp(Integer.parseInt(frame, i, dot1, 10), Long.parseLong(frame, dot1 + 1, dot2, 10),
                    Long.parseLong(frame, dot2 + 1, quote, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
