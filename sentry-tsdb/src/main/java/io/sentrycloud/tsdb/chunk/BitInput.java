package io.sentrycloud.tsdb.chunk;

/** Reads what {@link BitOutput} wrote. Reading past the end yields zero bits (callers bound reads by count). */
final class BitInput {

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
        long result = 0;
        int remaining = n;
        while (remaining > 0) {
            int index = (int) (position >>> 3);
            int offset = (int) (position & 7);
            int avail = 8 - offset;
            int take = Math.min(avail, remaining);
            int b = index < bytes.length ? bytes[index] & 0xFF : 0;
            long bits = (b >>> (avail - take)) & ((1 << take) - 1);
            result = (result << take) | bits;
            remaining -= take;
            position += take;
        }
        return result;
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
