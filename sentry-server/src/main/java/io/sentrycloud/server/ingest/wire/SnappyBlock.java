package io.sentrycloud.server.ingest.wire;

/**
 * Decoder of Snappy's block format (not the framed stream format), the compression of Prometheus remote write:
 * a varint uncompressed length, then literals and back-references. Every length and offset is checked against the
 * input and the declared size, so a corrupt or hostile block fails with a message instead of reading out of bounds
 * or allocating without limit.
 */
public final class SnappyBlock {

    private SnappyBlock() {
    }

    /**
     * Decompresses one block.
     *
     * @param maxLength largest uncompressed size accepted
     * @throws WireFormatException when the block is corrupt or would inflate past {@code maxLength}
     */
    public static byte[] decompress(byte[] in, long maxLength) {
        int[] pos = {0};
        long declared = uncompressedLength(in, pos);
        if (declared > maxLength) {
            throw new WireFormatException("the snappy block inflates to " + declared + " bytes, more than the limit "
                    + "of " + maxLength);
        }
        byte[] out = new byte[(int) declared];
        int o = 0;
        int p = pos[0];
        while (p < in.length) {
            int tag = in[p++] & 0xFF;
            int length;
            int offset;
            switch (tag & 3) {
                case 0 -> {
                    length = tag >>> 2;
                    if (length >= 60) {
                        int bytes = length - 59;
                        if (p + bytes > in.length) {
                            throw corrupt("a literal's length runs past the end", p);
                        }
                        long l = 0;
                        for (int k = 0; k < bytes; k++) {
                            l |= (long) (in[p++] & 0xFF) << (8 * k);
                        }
                        if (l >= Integer.MAX_VALUE) {
                            throw corrupt("a literal is too long", p);
                        }
                        length = (int) l;
                    }
                    length++;
                    if (length > in.length - p || length > out.length - o) {
                        throw corrupt("a literal of " + length + " bytes runs past the end", p);
                    }
                    System.arraycopy(in, p, out, o, length);
                    p += length;
                    o += length;
                    continue;
                }
                case 1 -> {
                    if (p + 1 > in.length) {
                        throw corrupt("a copy runs past the end", p);
                    }
                    length = 4 + ((tag >>> 2) & 7);
                    offset = ((tag >>> 5) << 8) | (in[p++] & 0xFF);
                }
                case 2 -> {
                    if (p + 2 > in.length) {
                        throw corrupt("a copy runs past the end", p);
                    }
                    length = 1 + (tag >>> 2);
                    offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8;
                    p += 2;
                }
                default -> {
                    if (p + 4 > in.length) {
                        throw corrupt("a copy runs past the end", p);
                    }
                    length = 1 + (tag >>> 2);
                    offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16
                            | (in[p + 3] & 0xFF) << 24;
                    p += 4;
                }
            }
            if (offset <= 0 || offset > o) {
                throw corrupt("a copy refers to offset " + offset + " outside the " + o + " bytes written", p);
            }
            if (length > out.length - o) {
                throw corrupt("a copy writes past the declared length of " + out.length, p);
            }
            // overlapping copies repeat the bytes just written, so copy one at a time
            for (int k = 0; k < length; k++, o++) {
                out[o] = out[o - offset];
            }
        }
        if (o != out.length) {
            throw new WireFormatException("the snappy block declares " + out.length + " bytes but holds " + o);
        }
        return out;
    }

    private static long uncompressedLength(byte[] in, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos[0] >= in.length) {
                throw new WireFormatException(in.length == 0 ? "the body is empty; expected a snappy block"
                        : "the snappy block ends inside its length");
            }
            int b = in[pos[0]++] & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return result;
            }
        }
        throw new WireFormatException("the snappy block's length is not a valid varint");
    }

    private static WireFormatException corrupt(String what, int at) {
        return new WireFormatException("corrupt snappy block: " + what + " (at byte " + at + ")");
    }
}
