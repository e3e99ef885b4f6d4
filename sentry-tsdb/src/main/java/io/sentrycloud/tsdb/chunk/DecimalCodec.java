package io.sentrycloud.tsdb.chunk;

/**
 * The {@link Chunk#DECIMAL} encoding. Agents report percentages with two decimals, byte counters and process
 * counts as integers: as doubles their mantissas look random to XOR, but as scaled integers their deltas are
 * small. Layout after the encoding byte and the count: exponent {@code k} (u8), mode (u8: 0 deltas, 1 deltas of
 * deltas), bit width (u8), then the first integer (and in mode 1 the first delta) as zig-zag varints, the rest
 * bit-packed at the width, then the timestamps as in {@link Chunk#XOR}.
 *
 * <p>A value is accepted only when {@code (double) m / 10^k} gives back its exact bits, which is how the decoder
 * computes it, so the round trip is bit-exact; NaN, infinities and -0.0 never qualify.
 */
final class DecimalCodec {

    static final int MAX_EXPONENT = 6;
    static final double[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    private static final long MAX_MANTISSA = 1L << 53;

    private DecimalCodec() {
    }

    /** The chunk in decimal form, or {@code null} when some value is not a short decimal. */
    static Chunk encode(long[] timestamps, double[] values, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return null;
        }
        long[] m = new long[n];
        int k = exponentFor(values, from, to, m);
        if (k < 0) {
            return null;
        }
        // pick deltas or deltas of deltas by the width each needs
        long maxDelta = 0;
        long maxDod = 0;
        for (int i = 1; i < n; i++) {
            long d = m[i] - m[i - 1];
            maxDelta |= zigzag(d);
            if (i >= 2) {
                maxDod |= zigzag(d - (m[i - 1] - m[i - 2]));
            }
        }
        int deltaWidth = 64 - Long.numberOfLeadingZeros(maxDelta);
        int dodWidth = 64 - Long.numberOfLeadingZeros(maxDod);
        boolean dod = n > 2 && (long) dodWidth * (n - 2) + 40 < (long) deltaWidth * (n - 1);
        int width = dod ? dodWidth : deltaWidth;

        BitOutput out = new BitOutput(16 + n * (width + 2) / 8);
        out.writeBits(Chunk.DECIMAL, 8);
        out.writeBits(n, 24);
        out.writeBits(k, 8);
        out.writeBits(dod ? 1 : 0, 8);
        out.writeBits(width, 8);
        out.writeVarint(zigzag(m[0]));
        int packedFrom = 1;
        if (dod && n > 1) {
            out.writeVarint(zigzag(m[1] - m[0]));
            packedFrom = 2;
        }
        for (int i = packedFrom; i < n; i++) {
            long d = m[i] - m[i - 1];
            out.writeBits(dod ? zigzag(d - (m[i - 1] - m[i - 2])) : zigzag(d), width);
        }
        TimestampCodec.writeFirst(out, timestamps[from]);
        long lastDelta = 0;
        for (int i = from + 1; i < to; i++) {
            if (timestamps[i] <= timestamps[i - 1]) {
                throw new IllegalArgumentException("timestamps must increase strictly: " + timestamps[i - 1]
                        + " then " + timestamps[i]);
            }
            long delta = timestamps[i] - timestamps[i - 1]; // may wrap for extreme spans; the decoder wraps alike
            TimestampCodec.writeDelta(out, delta - lastDelta);
            lastDelta = delta;
        }
        return new Chunk(timestamps[from], timestamps[to - 1], n, out.toByteArray());
    }

    /** The smallest exponent that represents every value exactly (filling {@code m}), or -1. */
    private static int exponentFor(double[] values, int from, int to, long[] m) {
        int k = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            while (!exact(v, k, m, i - from)) {
                if (++k > MAX_EXPONENT) {
                    return -1;
                }
                // earlier values must be scaled again at the larger exponent
                for (int j = from; j < i; j++) {
                    if (!exact(values[j], k, m, j - from)) {
                        return -1;
                    }
                }
            }
        }
        return k;
    }

    private static boolean exact(double v, int k, long[] m, int at) {
        double scaled = v * POWERS[k];
        if (!(Math.abs(scaled) < MAX_MANTISSA)) {
            return false; // NaN, infinities and huge values
        }
        long r = Math.round(scaled);
        if (Double.doubleToRawLongBits(r / POWERS[k]) != Double.doubleToRawLongBits(v)) {
            return false;
        }
        m[at] = r;
        return true;
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
