package io.sentrycloud.tsdb.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that encodes the fields of log and file records: unsigned and zig-zag varints,
 * big-endian longs, and length-prefixed UTF-8 strings.
 */
final class RecordBuffer {

    private byte[] bytes;
    private int size;

    RecordBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void reset() {
        size = 0;
    }

    void putByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void putInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    /** Overwrites four bytes already written, for headers whose value is known only afterwards. */
    void setInt(int at, int v) {
        bytes[at] = (byte) (v >>> 24);
        bytes[at + 1] = (byte) (v >>> 16);
        bytes[at + 2] = (byte) (v >>> 8);
        bytes[at + 3] = (byte) v;
    }

    void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (v >>> shift);
        }
    }

    void putDouble(double v) {
        putLong(Double.doubleToRawLongBits(v));
    }

    /** Unsigned LEB128. */
    void putVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /** Zig-zag then LEB128, so small negative numbers stay short. */
    void putSignedVarint(long v) {
        putVarint((v << 1) ^ (v >> 63));
    }

    void putString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putVarint(utf8.length);
        putBytes(utf8, 0, utf8.length);
    }

    void putBytes(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("record too large: " + wanted + " bytes");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
