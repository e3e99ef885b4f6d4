package io.sentrycloud.tsdb.chunk;

import java.util.Objects;

/**
 * An immutable compressed run of points of one series, sorted by strictly increasing timestamp.
 *
 * <p>{@code data} is self-describing: an encoding byte ({@link #XOR} or {@link #DECIMAL}), the point count in 3
 * bytes, then the encoding's fields and bit stream. {@code minTime}, {@code maxTime} and {@code count} repeat what the data holds so
 * that an index can skip a chunk without decoding it.
 */
public record Chunk(long minTime, long maxTime, int count, byte[] data) {

    /** Gorilla: delta-of-delta timestamps, XOR'ed float64 values. */
    public static final int XOR = 1;
    /**
     * Values that are all {@code m / 10^k} for integers {@code m} and one {@code k <= 6}: the integers' deltas (or
     * deltas of deltas) bit-packed at one width; timestamps as in {@link #XOR}.
     */
    public static final int DECIMAL = 2;

    public Chunk {
        Objects.requireNonNull(data, "data");
        if (count <= 0) {
            throw new IllegalArgumentException("a chunk holds at least one point");
        }
        if (maxTime < minTime) {
            throw new IllegalArgumentException("chunk maxTime " + maxTime + " < minTime " + minTime);
        }
    }

    /**
     * Encodes sorted points {@code [from, to)} (strictly increasing timestamps) in whichever encoding is smaller.
     *
     * @throws IllegalArgumentException when the range is empty or timestamps do not increase
     */
    public static Chunk encode(long[] timestamps, double[] values, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("no points to encode");
        }
        ChunkEncoder e = new ChunkEncoder();
        for (int i = from; i < to; i++) {
            e.append(timestamps[i], values[i]);
        }
        Chunk xor = e.toChunk();
        Chunk decimal = DecimalCodec.encode(timestamps, values, from, to);
        return decimal != null && decimal.data().length < xor.data().length ? decimal : xor;
    }

    /** A reader positioned before the first point. */
    public ChunkIterator iterator() {
        return ChunkIterator.of(data);
    }

    /** The encoding byte, {@link #XOR} or {@link #DECIMAL}. */
    public int encoding() {
        return data[0];
    }

    /** Whether any point of this chunk may lie in {@code [start, end]}. */
    public boolean overlaps(long start, long end) {
        return minTime <= end && maxTime >= start;
    }

    /** Heap held by this chunk, roughly: the record, the array header and the bytes. */
    public long memoryBytes() {
        return 40 + 16 + data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunk c && c.minTime == minTime && c.maxTime == maxTime && c.count == count
                && java.util.Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minTime, maxTime, count, java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Chunk[" + minTime + ".." + maxTime + ", " + count + " points, " + data.length + " bytes]";
    }
}
