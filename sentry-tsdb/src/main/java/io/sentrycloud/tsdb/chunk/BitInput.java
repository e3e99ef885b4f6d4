package io.sentrycloud.tsdb.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads what {@link BitOutput} wrote. A field is cut out of one big-endian 64-bit load (two when it straddles),
 * not assembled bit by bit: decoding is the inner loop of every query. Reading past the end yields zero bits
 * (callers bound reads by the point count).
 */
final class BitInput {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private long position;

    BitInput(byte[] bytes, long startBit) {
        this.bytes = bytes;
        this.position = startBit;
    }

    boolean readBit() {
        int index = (int) (position >>> 3);
        boolean bit = index < bytes.length && (bytes[index] & (0x80 >>> (position & 7))) != 0;
        position++;
        return bit;
    }

    /** Reads {@code n} bits ({@code 0 <= n <= 64}) as an unsigned value. */
    long readBits(int n) {
        if (n == 0) {
            return 0;
        }
        int index = (int) (position >>> 3);
        int offset = (int) (position & 7);
        long word = load(index);
        long result = (word << offset) >>> (64 - n);
        int spill = offset + n - 64;
        if (spill > 0) {
            int next = index + 8 < bytes.length ? bytes[index + 8] & 0xFF : 0;
            result |= next >>> (8 - spill);
        }
        position += n;
        return result;
    }

    private long load(int index) {
        if (index + 8 <= bytes.length) {
            return (long) LONGS.get(bytes, index);
        }
        long w = 0;
        for (int i = 0; i < 8; i++) {
            w <<= 8;
            if (index + i < bytes.length) {
                w |= bytes[index + i] & 0xFF;
            }
        }
        return w;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = readBits(8);
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("varint longer than 10 bytes in a chunk");
    }

    long position() {
        return position;
    }
}
