package io.sentrycloud.server.ingest.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A writer of the protobuf wire format, for the few answers sentry encodes by hand (OTLP responses). */
public final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A varint field (int32, int64, uint64, bool, enum). */
    public ProtoWriter varint(int field, long value) {
        key(field, ProtoReader.VARINT);
        rawVarint(value);
        return this;
    }

    /** A fixed64 field (fixed64, sfixed64). */
    public ProtoWriter fixed64(int field, long value) {
        key(field, ProtoReader.FIXED64);
        for (int k = 0; k < 8; k++) {
            out.write((int) (value >>> (8 * k)));
        }
        return this;
    }

    /** A double field. */
    public ProtoWriter doubleValue(int field, double value) {
        return fixed64(field, Double.doubleToRawLongBits(value));
    }

    /** A string field. */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A nested message field. */
    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A length-delimited field. */
    public ProtoWriter bytes(int field, byte[] value) {
        key(field, ProtoReader.LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
