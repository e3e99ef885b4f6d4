package io.sentrycloud.tsdb.chunk;

/**
 * Gorilla's timestamp scheme: the first timestamp in 64 bits, then each delta-of-delta in a prefix-coded bucket.
 * Bucket widths are those Prometheus uses for millisecond timestamps (14, 17, 20 bits), so the jitter of a
 * 10-second scrape costs a few bits and a regular one a single bit.
 */
final class TimestampCodec {

    private TimestampCodec() {
    }

    static void writeFirst(BitOutput out, long t) {
        out.writeBits(t, 64);
    }

    static void writeDelta(BitOutput out, long dod) {
        if (dod == 0) {
            out.writeBit(false);
        } else if (fits(dod, 14)) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, 14);
        } else if (fits(dod, 17)) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, 17);
        } else if (fits(dod, 20)) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, 20);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    static long readDelta(BitInput in) {
        if (!in.readBit()) {
            return 0;
        }
        if (!in.readBit()) {
            return signExtend(in.readBits(14), 14);
        }
        if (!in.readBit()) {
            return signExtend(in.readBits(17), 17);
        }
        if (!in.readBit()) {
            return signExtend(in.readBits(20), 20);
        }
        return in.readBits(64);
    }

    private static boolean fits(long v, int bits) {
        long half = 1L << (bits - 1);
        return v >= -half && v < half;
    }

    private static long signExtend(long v, int bits) {
        int shift = 64 - bits;
        return (v << shift) >> shift;
    }
}
