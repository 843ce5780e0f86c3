package io.voicegate.bench;

import java.util.Arrays;

/** Latencies in microseconds, kept whole (a 20 s run at 500 sessions is 500,000 ints) for exact percentiles. */
final class LatencySamples {

    private int[] values = new int[1024];
    private int size;

    void add(long micros) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, micros));
    }

    int size() {
        return size;
    }

    void addAll(LatencySamples other) {
        for (int i = 0; i < other.size; i++) add(other.values[i]);
    }

    /** Sorted copy, for percentiles. */
    Sorted sorted() {
        var copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return new Sorted(copy);
    }

    /** Percentiles of sorted samples (nearest rank), in milliseconds. */
    record Sorted(int[] micros) {
        double millis(double percentile) {
            if (micros.length == 0) return Double.NaN;
            int rank = (int) Math.ceil(percentile / 100.0 * micros.length) - 1;
            return micros[Math.max(0, Math.min(micros.length - 1, rank))] / 1000.0;
        }

        int count() {
            return micros.length;
        }
    }
}
