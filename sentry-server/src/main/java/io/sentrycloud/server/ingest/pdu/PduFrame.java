package io.sentrycloud.server.ingest.pdu;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One PDU: a 16-byte big-endian header {@code magic u32 = 0x1F2E3C4D | version u16 | type u16 (1 = metrics) |
 * sequence u32 | payload_length u32}, then the payload (the JSON array of points).
 *
 * @param version  header version (1)
 * @param type     payload type
 * @param sequence the sender's counter
 * @param payload  the payload bytes
 */
public record PduFrame(int version, int type, long sequence, byte[] payload) {

    public static final int MAGIC = 0x1F2E3C4D;
    public static final int HEADER_BYTES = 16;
    public static final int TYPE_METRICS = 1;

    /** The stream cannot be read on: a bad magic number, or a frame over the limit. */
    public static final class FramingException extends IOException {
        FramingException(String message) {
            super(message);
        }
    }

    /**
     * Reads the next frame.
     *
     * @return null at a clean end of stream (between frames)
     * @throws FramingException          on a bad magic number or a payload over {@code maxPayload}
     * @throws java.io.EOFException      when the stream ends inside a frame
     */
    public static PduFrame read(DataInputStream in, int maxPayload) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        if (in.read(header, 0, 1) < 0) {
            return null;
        }
        in.readFully(header, 1, HEADER_BYTES - 1);
        ByteBuffer h = ByteBuffer.wrap(header);
        int magic = h.getInt();
        if (magic != MAGIC) {
            throw new FramingException(String.format("bad magic 0x%08X (expected 0x%08X): not a sentry PDU stream",
                    magic, MAGIC));
        }
        int version = Short.toUnsignedInt(h.getShort());
        int type = Short.toUnsignedInt(h.getShort());
        long sequence = Integer.toUnsignedLong(h.getInt());
        long length = Integer.toUnsignedLong(h.getInt());
        if (length > maxPayload) {
            throw new FramingException("a PDU payload of " + length + " bytes is over the limit of " + maxPayload
                    + " (pdu.max_frame_bytes)");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new PduFrame(version, type, sequence, payload);
    }

    /** A frame's bytes, header then payload, as the original agent writes it. */
    public static byte[] encode(int type, long sequence, byte[] payload) {
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).putInt(MAGIC).putShort((short) 1)
                .putShort((short) type).putInt((int) sequence).putInt(payload.length).put(payload).array();
    }
}
