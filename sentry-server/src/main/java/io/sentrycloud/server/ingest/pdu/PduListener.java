package io.sentrycloud.server.ingest.pdu;

import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import io.sentrycloud.server.ingest.tcp.TcpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDU TCP listener: one thread per connection up to a maximum, PDUs read back to back. Each metrics PDU's JSON
 * array goes through {@link PointBatch} (the putMetrics rules, the sender's IP as {@code sentryIP} when missing)
 * and {@link PointWriter}. A bad magic number or an oversized frame closes the connection (the stream cannot be
 * resynchronised); a PDU with bad JSON or of another type is skipped and counted. The protocol has no answers:
 * refusals are counted in self-monitoring and the first few per connection logged.
 */
public final class PduListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PduListener.class);
    /** Refusals logged one by one per connection. */
    private static final int LOGGED = 10;

    private final PointRules rules;
    private final PointWriter writer;
    private final int maxFrameBytes;
    private final int maxPoints;
    private final AtomicLong skippedFrames = new AtomicLong();
    private final TcpServer tcp;

    private PduListener(String host, int port, PointRules rules, PointWriter writer, int maxFrameBytes, int maxPoints,
                        int idleTimeoutSeconds, int maxConnections) {
        this.rules = rules;
        this.writer = writer;
        this.maxFrameBytes = maxFrameBytes;
        this.maxPoints = maxPoints;
        this.tcp = TcpServer.start("pdu", "PDU streams (pdu.port)", host, port, maxConnections, idleTimeoutSeconds,
                this::serve);
    }

    /**
     * Binds and starts accepting.
     *
     * @param port      0 for a free port (see {@link #port()})
     * @param maxPoints most points one PDU may carry ({@code ingest.max_points_per_request}); more skip the PDU
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static PduListener start(String host, int port, PointRules rules, PointWriter writer, int maxFrameBytes,
                                    int maxPoints, int idleTimeoutSeconds, int maxConnections) {
        PduListener listener = new PduListener(host, port, rules, writer, maxFrameBytes, maxPoints,
                idleTimeoutSeconds, maxConnections);
        log.info("PDU listener (original agents) on {}:{}", host, listener.port());
        return listener;
    }

    /** The TCP port bound. */
    public int port() {
        return tcp.port();
    }

    /** Frames skipped so far (bad JSON, another type, too many points) or that closed their connection. */
    public long skippedFrames() {
        return skippedFrames.get();
    }

    private void serve(Socket socket) throws IOException {
        String sender = socket.getInetAddress().getHostAddress();
        long refused = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536))) {
            PduFrame frame;
            while ((frame = PduFrame.read(in, maxFrameBytes)) != null) {
                refused += store(frame, sender, refused);
            }
        } catch (PduFrame.FramingException e) {
            skippedFrames.incrementAndGet();
            log.warn("pdu: closing the connection from {}: {}", sender, e.getMessage());
        }
    }

    /** Stores one frame's points; returns how many refusals it added (for the per-connection log limit). */
    private long store(PduFrame frame, String sender, long refusedBefore) {
        if (frame.type() != PduFrame.TYPE_METRICS) {
            skippedFrames.incrementAndGet();
            log.warn("pdu: skipping a PDU of type {} from {} (only 1, metrics, is known)", frame.type(), sender);
            return 0;
        }
        PointBatch batch;
        try {
            batch = PointBatch.read(new ByteArrayInputStream(frame.payload()), rules, sender, maxPoints);
        } catch (ApiException | IOException e) {
            skippedFrames.incrementAndGet();
            log.warn("pdu: skipping PDU {} from {}: {}", frame.sequence(), sender, e.getMessage());
            return 0;
        }
        PointWriter.Stored stored;
        try {
            stored = writer.write(batch, sender);
        } catch (ApiException e) {
            log.error("pdu: points of PDU {} from {} were not stored: {}", frame.sequence(), sender,
                    e.getMessage());
            return 0;
        }
        long n = refusedBefore;
        for (PointError e : stored.errors()) {
            if (++n <= LOGGED) {
                log.warn("pdu: refused point {} of PDU {} from {}: {}", e.index(), frame.sequence(), sender,
                        e.error());
            } else if (n == LOGGED + 1) {
                log.warn("pdu: further refusals from {} on this connection are only counted", sender);
            }
        }
        return stored.errors().size();
    }

    /** Stops accepting, lets every connection finish the frame it is reading, and waits for them (at most 10 s). */
    @Override
    public void close() {
        tcp.close();
        log.info("PDU listener stopped");
    }
}
