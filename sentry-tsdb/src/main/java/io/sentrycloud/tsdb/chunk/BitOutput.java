package io.sentrycloud.tsdb.chunk;

import java.util.Arrays;

/**
 * A growable big-endian bit stream, kept in 64-bit words so that a field of up to 64 bits is one or two word
 * operations (the head appends every point through here).
 */
final class BitOutput {

    private long[] words;
    private long bitCount;

    BitOutput(int initialBytes) {
        words = new long[Math.max(1, (initialBytes + 7) >>> 3)];
    }

    /** Writes the low {@code n} bits of {@code value}, most significant first ({@code 0 <= n <= 64}). */
    void writeBits(long value, int n) {
        if (n == 0) {
            return;
        }
        if (n < 64) {
            value &= (1L << n) - 1;
        }
        int index = (int) (bitCount >>> 6);
        int free = 64 - (int) (bitCount & 63);
        if (index + 1 >= words.length) {
            grow(index + 2);
        }
        if (n <= free) {
            words[index] |= value << (free - n);
        } else {
            int rest = n - free;
            words[index] |= value >>> rest;
            words[index + 1] |= value << (64 - rest);
        }
        bitCount += n;
    }

    void writeBit(boolean bit) {
        int index = (int) (bitCount >>> 6);
        if (index >= words.length) {
            grow(index + 1);
        }
        if (bit) {
            words[index] |= 1L << (63 - (int) (bitCount & 63));
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
        return words.length * 8;
    }

    byte[] toByteArray() {
        int n = byteCount();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (words[i >>> 3] >>> (56 - 8 * (i & 7)));
        }
        return out;
    }

    private void grow(int minWords) {
        // grow by half: an open chunk lives in memory for hours, so slack costs heap per series
        words = Arrays.copyOf(words, Math.max(minWords, words.length + (words.length >> 1) + 1));
    }
}
