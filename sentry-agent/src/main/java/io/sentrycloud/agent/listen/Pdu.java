package io.sentrycloud.agent.listen;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The original binary PDU: a 16-byte big-endian header {@code magic u32 = 0x1F2E3C4D | version u16 = 1 |
 * type u16 = 1 (metrics) | sequence u32 | payload_length u32}, then the JSON array of points.
 *
 * @param version  header version
 * @param type     payload type, 1 for metrics
 * @param sequence the sender's counter
 * @param payload  the JSON bytes
 */
public record Pdu(int version, int type, long sequence, byte[] payload) {

    public static final int MAGIC = 0x1F2E3C4D;
    public static final int HEADER_BYTES = 16;
    public static final int TYPE_METRICS = 1;

    /** The stream is not a PDU stream (bad magic) or a frame is over the size limit: close the connection. */
    public static final class FramingException extends IOException {
        FramingException(String message) {
            super(message);
        }
    }

    /**
     * Reads the next PDU.
     *
     * @return null at a clean end of stream (between two PDUs)
     * @throws FramingException on a bad magic number or a payload over {@code maxPayload}
     * @throws EOFException     when the stream ends inside a PDU
     */
    public static Pdu read(DataInputStream in, int maxPayload) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        int first = in.read(header, 0, 1);
        if (first < 0) {
            return null;
        }
        in.readFully(header, 1, HEADER_BYTES - 1);
        ByteBuffer h = ByteBuffer.wrap(header);
        int magic = h.getInt();
        if (magic != MAGIC) {
            throw new FramingException(String.format("bad magic 0x%08X, expected 0x%08X", magic, MAGIC));
        }
        int version = Short.toUnsignedInt(h.getShort());
        int type = Short.toUnsignedInt(h.getShort());
        long sequence = Integer.toUnsignedLong(h.getInt());
        long length = Integer.toUnsignedLong(h.getInt());
        if (length > maxPayload) {
            throw new FramingException("payload of " + length + " bytes is over the limit of " + maxPayload);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Pdu(version, type, sequence, payload);
    }

    /** The PDU's bytes, header and payload (for senders and tests). */
    public static byte[] encode(int type, long sequence, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        b.putInt(MAGIC).putShort((short) 1).putShort((short) type).putInt((int) sequence).putInt(payload.length);
        b.put(payload);
        return b.array();
    }
}
