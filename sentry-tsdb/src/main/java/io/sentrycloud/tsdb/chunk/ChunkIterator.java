package io.sentrycloud.tsdb.chunk;

/**
 * Reads a chunk's points in time order: {@code while (it.next()) use(it.timestamp(), it.value());}.
 *
 * <p>Not thread-safe; chunks are immutable, so any number of iterators may read one chunk at once.
 */
public final class ChunkIterator {

    private final int count;
    private final BitInput times;
    private final boolean decimal;
    // XOR state
    private long bits;
    private int leading;
    private int trailing;
    // DECIMAL state
    private final BitInput values;
    private final double scale;
    private final boolean deltaOfDelta;
    private final int width;
    private long mantissa;
    private long mantissaDelta;

    private int read;
    private long timestamp;
    private long delta;
    private double value;

    private ChunkIterator(byte[] data) {
        int encoding = data[0];
        count = ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        if (encoding == Chunk.XOR) {
            decimal = false;
            times = new BitInput(data, 32);
            values = null;
            scale = 0;
            deltaOfDelta = false;
            width = 0;
        } else if (encoding == Chunk.DECIMAL) {
            decimal = true;
            int k = data[4];
            if (k < 0 || k > DecimalCodec.MAX_EXPONENT) {
                throw new IllegalArgumentException("bad decimal exponent " + k + " in a chunk");
            }
            scale = DecimalCodec.POWERS[k];
            deltaOfDelta = data[5] == 1;
            width = data[6];
            values = new BitInput(data, 56);
            // the timestamps follow the values: skip the varints and the packed block
            BitInput probe = new BitInput(data, 56);
            probe.readVarint();
            int packed = count - 1;
            if (deltaOfDelta && count > 1) {
                probe.readVarint();
                packed = count - 2;
            }
            times = new BitInput(data, probe.position() + (long) Math.max(0, packed) * width);
        } else {
            throw new IllegalArgumentException("unknown chunk encoding " + encoding);
        }
    }

    static ChunkIterator of(byte[] data) {
        if (data.length < 4) {
            throw new IllegalArgumentException("chunk of " + data.length + " bytes has no header");
        }
        return new ChunkIterator(data);
    }

    /** Moves to the next point; false when there is none. */
    public boolean next() {
        if (read >= count) {
            return false;
        }
        if (read == 0) {
            timestamp = times.readBits(64);
        } else {
            delta += TimestampCodec.readDelta(times);
            timestamp += delta;
        }
        value = decimal ? nextDecimal() : nextXor();
        read++;
        return true;
    }

    private double nextXor() {
        if (read == 0) {
            bits = times.readBits(64);
        } else if (times.readBit()) {
            if (times.readBit()) {
                leading = (int) times.readBits(5);
                int length = (int) times.readBits(6);
                if (length == 0) {
                    length = 64;
                }
                trailing = 64 - leading - length;
            }
            bits ^= times.readBits(64 - leading - trailing) << trailing;
        }
        return Double.longBitsToDouble(bits);
    }

    private double nextDecimal() {
        if (read == 0) {
            mantissa = DecimalCodec.unzigzag(values.readVarint());
        } else if (read == 1 && deltaOfDelta) {
            mantissaDelta = DecimalCodec.unzigzag(values.readVarint());
            mantissa += mantissaDelta;
        } else if (deltaOfDelta) {
            mantissaDelta += DecimalCodec.unzigzag(values.readBits(width));
            mantissa += mantissaDelta;
        } else {
            mantissa += DecimalCodec.unzigzag(values.readBits(width));
        }
        return mantissa / scale;
    }

    public long timestamp() {
        return timestamp;
    }

    public double value() {
        return value;
    }

    /** Points in the chunk. */
    public int count() {
        return count;
    }
}
