package io.sentrycloud.tsdb.chunk;

import java.util.Arrays;

/** A growable big-endian bit stream. */
final class BitOutput {

    private byte[] bytes;
    private long bitCount;

    BitOutput(int initialBytes) {
        bytes = new byte[Math.max(8, initialBytes)];
    }

    /** Writes the low {@code n} bits of {@code value}, most significant first ({@code 0 <= n <= 64}). */
    void writeBits(long value, int n) {
        ensure(n);
        int remaining = n;
        while (remaining > 0) {
            int index = (int) (bitCount >>> 3);
            int free = 8 - (int) (bitCount & 7);
            int take = Math.min(free, remaining);
            int bits = (int) ((value >>> (remaining - take)) & ((1L << take) - 1));
            bytes[index] |= (byte) (bits << (free - take));
            remaining -= take;
            bitCount += take;
        }
    }

    void writeBit(boolean bit) {
        ensure(1);
        if (bit) {
            bytes[(int) (bitCount >>> 3)] |= (byte) (0x80 >>> (bitCount & 7));
        }
        bitCount++;
    }

    /** Unsigned LEB128 varint, byte-aligned or not. */
    void writeVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            writeBits((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        writeBits(v, 8);
    }

    long bitCount() {
        return bitCount;
    }

    int byteCount() {
        return (int) ((bitCount + 7) >>> 3);
    }

    /** Bytes currently allocated (for memory accounting). */
    int capacity() {
        return bytes.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, byteCount());
    }

    private void ensure(int moreBits) {
        long needed = (bitCount + moreBits + 7) >>> 3;
        if (needed > bytes.length) {
            // grow by half: an open chunk lives in memory for hours, so slack costs heap per series
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, bytes.length + (bytes.length >> 1)));
        }
    }
}
