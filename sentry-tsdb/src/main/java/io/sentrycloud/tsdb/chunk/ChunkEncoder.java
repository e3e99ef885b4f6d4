package io.sentrycloud.tsdb.chunk;

/**
 * Appends points to a Gorilla bit stream as they arrive. Timestamps must increase strictly; the head of the
 * engine turns out-of-order and duplicate points into a rewrite of the chunk instead.
 *
 * <p>Not thread-safe.
 */
public final class ChunkEncoder {

    /** Bits of the header that precedes the stream: the encoding byte and a 3-byte count slot. */
    private static final int HEADER_BITS = 32;

    private final BitOutput out = new BitOutput(32);
    private int count;
    private long minTime;
    private long lastTime;
    private long lastDelta;
    private long lastBits;
    private int lastLeading = Integer.MAX_VALUE;
    private int lastTrailing;

    public ChunkEncoder() {
        // the count is patched in toChunk(); reserve a fixed slot so the stream never moves
        out.writeBits(Chunk.XOR, 8);
        out.writeBits(0, 24);
    }

    /**
     * Appends one point.
     *
     * @throws IllegalArgumentException when {@code timestamp} is not after the last appended one
     */
    public void append(long timestamp, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (count == 0) {
            TimestampCodec.writeFirst(out, timestamp);
            out.writeBits(bits, 64);
            minTime = timestamp;
        } else {
            if (timestamp <= lastTime) {
                throw new IllegalArgumentException("timestamp " + timestamp + " is not after the chunk's last "
                        + lastTime + "; out-of-order points are merged by the caller");
            }
            long delta = timestamp - lastTime;
            TimestampCodec.writeDelta(out, delta - lastDelta);
            lastDelta = delta;
            writeValue(bits);
        }
        lastTime = timestamp;
        lastBits = bits;
        count++;
        if (count >= (1 << 24)) {
            throw new IllegalStateException("a chunk holds at most " + ((1 << 24) - 1) + " points");
        }
    }

    private void writeValue(long bits) {
        long xor = bits ^ lastBits;
        if (xor == 0) {
            out.writeBit(false);
            return;
        }
        out.writeBit(true);
        int leading = Math.min(31, Long.numberOfLeadingZeros(xor));
        int trailing = Long.numberOfTrailingZeros(xor);
        if (lastLeading != Integer.MAX_VALUE && leading >= lastLeading && trailing >= lastTrailing) {
            // the meaningful bits fit in the previous window: reuse it
            out.writeBit(false);
            out.writeBits(xor >>> lastTrailing, 64 - lastLeading - lastTrailing);
        } else {
            int length = 64 - leading - trailing;
            out.writeBit(true);
            out.writeBits(leading, 5);
            out.writeBits(length == 64 ? 0 : length, 6);
            out.writeBits(xor >>> trailing, length);
            lastLeading = leading;
            lastTrailing = trailing;
        }
    }

    public int count() {
        return count;
    }

    public long minTime() {
        return minTime;
    }

    /** The last appended timestamp. */
    public long maxTime() {
        return lastTime;
    }

    /** Heap held by the encoder, roughly. */
    public long memoryBytes() {
        return 64 + 16 + out.capacity();
    }

    /** Bytes the stream takes so far. */
    public int byteCount() {
        return out.byteCount();
    }

    /**
     * The points appended so far as a chunk (a copy; the encoder may go on).
     *
     * @throws IllegalStateException when nothing was appended
     */
    public Chunk toChunk() {
        if (count == 0) {
            throw new IllegalStateException("empty chunk");
        }
        byte[] data = out.toByteArray();
        data[1] = (byte) (count >>> 16);
        data[2] = (byte) (count >>> 8);
        data[3] = (byte) count;
        return new Chunk(minTime, lastTime, count, data);
    }

    /** The points appended so far in the smaller of the two encodings: what a sealed chunk should keep. */
    public Chunk seal() {
        Chunk xor = toChunk();
        long[] ts = new long[count];
        double[] vs = new double[count];
        ChunkIterator it = xor.iterator();
        for (int i = 0; it.next(); i++) {
            ts[i] = it.timestamp();
            vs[i] = it.value();
        }
        Chunk decimal = DecimalCodec.encode(ts, vs, 0, count);
        return decimal != null && decimal.data().length < xor.data().length ? decimal : xor;
    }

    static int headerBits() {
        return HEADER_BITS;
    }
}
