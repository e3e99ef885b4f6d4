package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.chunk.Chunk;
import io.sentrycloud.tsdb.chunk.ChunkIterator;

import java.util.Arrays;

/**
 * A reusable scratch of one series' points while a query reads it: decoded chunk by chunk from the sources
 * (blocks, then the head), then sorted with the last source winning a shared timestamp. A query holds one series'
 * points at a time, never the whole answer's raw points.
 */
final class PointBuffer {

    long[] timestamps = new long[1024];
    double[] values = new double[1024];
    /** Source rank of each point (later sources win); only kept when sources overlap. */
    private int[] ranks = new int[1024];
    int size;
    private boolean sorted = true;
    private int rank;

    void reset() {
        size = 0;
        sorted = true;
        rank = 0;
    }

    /** Marks the points added from now on as from a source of this rank: on a shared timestamp the higher wins. */
    void source(int sourceRank) {
        rank = sourceRank;
    }

    /** Appends the points of {@code c} within {@code [start, end]}. */
    void addChunk(Chunk c, long start, long end) {
        ChunkIterator it = c.iterator();
        while (it.next()) {
            long t = it.timestamp();
            if (t > end) {
                break;
            }
            if (t >= start) {
                add(t, it.value());
            }
        }
    }

    void add(long t, double v) {
        if (size == timestamps.length) {
            int capacity = size * 2;
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, capacity);
            ranks = Arrays.copyOf(ranks, capacity);
        }
        if (size > 0 && t <= timestamps[size - 1]) {
            sorted = false;
        }
        timestamps[size] = t;
        values[size] = v;
        ranks[size] = rank;
        size++;
    }

    /** Sorts by time and keeps, for each timestamp, the point of the newest source (the last added among equals). */
    void settle() {
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // stable: equal timestamps keep insertion order, so within one rank the later write is last too
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(timestamps[a], timestamps[b]);
            return c != 0 ? c : Integer.compare(ranks[a], ranks[b]);
        });
        long[] ts = new long[size];
        double[] vs = new double[size];
        int k = 0;
        for (int i = 0; i < size; i++) {
            int j = order[i];
            if (k > 0 && ts[k - 1] == timestamps[j]) {
                vs[k - 1] = values[j];
            } else {
                ts[k] = timestamps[j];
                vs[k] = values[j];
                k++;
            }
        }
        System.arraycopy(ts, 0, timestamps, 0, k);
        System.arraycopy(vs, 0, values, 0, k);
        size = k;
        sorted = true;
    }
}
