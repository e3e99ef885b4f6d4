package io.sentrycloud.server.ingest.wire;

import java.nio.charset.StandardCharsets;

/**
 * A reader of the protobuf wire format over a byte range, for the few messages sentry decodes by hand (remote
 * write, OTLP) instead of generating code. Unknown fields are skipped; every length is checked against the range,
 * so corrupt input fails with a {@link WireFormatException} naming the byte offset.
 *
 * <pre>{@code
 * while (r.next()) {
 *     switch (r.field()) {
 *         case 1 -> name = r.string();
 *         default -> r.skip();
 *     }
 * }
 * }</pre>
 */
public final class ProtoReader {

    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private final byte[] buf;
    private final int limit;
    private int pos;
    private int field;
    private int wireType;

    public ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.limit = to;
    }

    /** Reads the next field's key; false at the end of the message. */
    public boolean next() {
        if (pos >= limit) {
            return false;
        }
        int at = pos;
        long key = varint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0 || key >>> 3 > 0x1FFFFFFF) {
            throw new WireFormatException("protobuf field number " + (key >>> 3) + " is invalid at byte " + at);
        }
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
            throw new WireFormatException("protobuf wire type " + wireType + " of field " + field
                    + " is not supported at byte " + at);
        }
        return true;
    }

    /** The current field's number. */
    public int field() {
        return field;
    }

    /** The current field's wire type. */
    public int wireType() {
        return wireType;
    }

    /** A varint value (int32, int64, uint64, bool, enum). */
    public long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new WireFormatException("a protobuf varint runs past the end of its message at byte " + pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new WireFormatException("a protobuf varint is longer than 10 bytes at byte " + pos);
    }

    /** A fixed64, sfixed64 or double's bits. */
    public long fixed64() {
        require(8);
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v |= (long) (buf[pos++] & 0xFF) << (8 * k);
        }
        return v;
    }

    /** A fixed32, sfixed32 or float's bits. */
    public int fixed32() {
        require(4);
        int v = 0;
        for (int k = 0; k < 4; k++) {
            v |= (buf[pos++] & 0xFF) << (8 * k);
        }
        return v;
    }

    /** A double field (wire type fixed64). */
    public double doubleValue() {
        expect(FIXED64, "a double");
        return Double.longBitsToDouble(fixed64());
    }

    /** A UTF-8 string field. */
    public String string() {
        int n = length();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** A bytes field, copied. */
    public byte[] bytes() {
        int n = length();
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** A nested message field: a reader over its bytes. */
    public ProtoReader message() {
        int n = length();
        ProtoReader r = new ProtoReader(buf, pos, pos + n);
        pos += n;
        return r;
    }

    /**
     * The values of a repeated fixed64/double field: packed (one length-delimited run) or a single unpacked value.
     */
    public long[] fixed64s() {
        if (wireType == FIXED64) {
            return new long[] {fixed64()};
        }
        int n = length();
        if (n % 8 != 0) {
            throw new WireFormatException("a packed fixed64 field of " + n + " bytes is not a multiple of 8 at byte "
                    + pos);
        }
        long[] values = new long[n / 8];
        for (int k = 0; k < values.length; k++) {
            values[k] = fixed64();
        }
        return values;
    }

    /** Skips the current field's value. */
    public void skip() {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> {
                require(8);
                pos += 8;
            }
            case FIXED32 -> {
                require(4);
                pos += 4;
            }
            default -> {
                int n = length(); // not "pos += length()": that would add to pos as it was before the length
                pos += n;
            }
        }
    }

    private int length() {
        expect(LENGTH_DELIMITED, "a length-delimited value");
        int at = pos;
        long n = varint();
        if (n < 0 || n > limit - pos) {
            throw new WireFormatException("protobuf field " + field + " declares " + n + " bytes but only "
                    + (limit - pos) + " remain at byte " + at);
        }
        return (int) n;
    }

    private void expect(int type, String what) {
        if (wireType != type) {
            throw new WireFormatException("protobuf field " + field + " should be " + what + " but has wire type "
                    + wireType + " at byte " + pos);
        }
    }

    private void require(int n) {
        if (limit - pos < n) {
            throw new WireFormatException("protobuf field " + field + " runs past the end of its message at byte "
                    + pos);
        }
    }
}
