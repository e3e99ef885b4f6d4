package io.sentrycloud.tsdb.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link RecordBuffer} wrote. Malformed input (a varint too long, a string past the end) throws
 * {@link CorruptRecordException} rather than an arbitrary runtime exception.
 */
final class RecordReader {

    private final ByteBuffer buf;

    RecordReader(ByteBuffer buf) {
        this.buf = buf;
    }

    boolean hasRemaining() {
        return buf.hasRemaining();
    }

    int position() {
        return buf.position();
    }

    int getByte() {
        need(1);
        return buf.get() & 0xFF;
    }

    int getInt() {
        need(4);
        return buf.getInt();
    }

    long getLong() {
        need(8);
        return buf.getLong();
    }

    double getDouble() {
        return Double.longBitsToDouble(getLong());
    }

    long getVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = getByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptRecordException("varint longer than 10 bytes at " + buf.position());
    }

    long getSignedVarint() {
        long v = getVarint();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A varint that must fit a non-negative int no larger than {@code max}. */
    int getCount(int max) {
        long v = getVarint();
        if (v < 0 || v > max) {
            throw new CorruptRecordException("count " + v + " out of range [0, " + max + "] at " + buf.position());
        }
        return (int) v;
    }

    String getString() {
        int length = getCount(buf.remaining());
        byte[] utf8 = new byte[length];
        buf.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private void need(int n) {
        if (buf.remaining() < n) {
            throw new CorruptRecordException("record ends early: need " + n + " bytes at " + buf.position()
                    + ", " + buf.remaining() + " left");
        }
    }
}
