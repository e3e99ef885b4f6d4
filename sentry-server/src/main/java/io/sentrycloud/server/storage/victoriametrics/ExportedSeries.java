package io.sentrycloud.server.storage.victoriametrics;

import java.util.Arrays;

/**
 * The raw points of one series as exported, gathered across the several lines VictoriaMetrics may split a series
 * into, then put in time order with one value per timestamp.
 */
final class ExportedSeries {

    long[] timestamps = new long[16];
    double[] values = new double[16];
    int size;

    void add(long timestamp, double value) {
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        timestamps[size] = timestamp;
        values[size] = value;
        size++;
    }

    /**
     * Sorts by time (stably, so export order decides among equal timestamps) and keeps the last value of each
     * timestamp: VictoriaMetrics keeps every sample it was sent, the embedded engine keeps the last write.
     */
    void settle() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = timestamps[i - 1] <= timestamps[i];
        }
        if (!sorted) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
            long[] ts = new long[size];
            double[] vs = new double[size];
            for (int i = 0; i < size; i++) {
                ts[i] = timestamps[order[i]];
                vs[i] = values[order[i]];
            }
            timestamps = ts;
            values = vs;
        }
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (k > 0 && timestamps[k - 1] == timestamps[i]) {
                values[k - 1] = values[i];
            } else {
                timestamps[k] = timestamps[i];
                values[k] = values[i];
                k++;
            }
        }
        size = k;
    }
}
