package io.sentrycloud.server.ingest.pdu;

import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.ingest.PointBatch;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final ServerSocket server;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final PointRules rules;
    private final PointWriter writer;
    private final int maxFrameBytes;
    private final int maxPoints;
    private final int idleTimeoutMillis;
    private final Thread acceptor;
    private final AtomicLong skippedFrames = new AtomicLong();
    private volatile boolean closed;

    private PduListener(ServerSocket server, PointRules rules, PointWriter writer, int maxFrameBytes, int maxPoints,
                        int idleTimeoutMillis, int maxConnections) {
        this.server = server;
        this.rules = rules;
        this.writer = writer;
        this.maxFrameBytes = maxFrameBytes;
        this.maxPoints = maxPoints;
        this.idleTimeoutMillis = idleTimeoutMillis;
        AtomicInteger n = new AtomicInteger();
        this.connections = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "sentry-pdu-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::acceptLoop, "sentry-pdu-accept");
        acceptor.setDaemon(true);
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
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for PDU streams on " + host + ":" + port + " (pdu.port): "
                    + e.getMessage(), e);
        }
        PduListener listener = new PduListener(server, rules, writer, maxFrameBytes, maxPoints,
                idleTimeoutSeconds * 1000, maxConnections);
        listener.acceptor.start();
        log.info("PDU listener (original agents) on {}:{}", host, server.getLocalPort());
        return listener;
    }

    /** The TCP port bound. */
    public int port() {
        return server.getLocalPort();
    }

    /** Frames skipped so far (bad JSON, another type, too many points) or that closed their connection. */
    public long skippedFrames() {
        return skippedFrames.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("pdu: accept failed: {}", e.getMessage());
                }
                continue;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                log.warn("pdu: refusing a connection from {}: all connections are in use",
                        socket.getInetAddress().getHostAddress());
                quietlyClose(socket);
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        String sender = socket.getInetAddress().getHostAddress();
        long refused = 0;
        try (socket; DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(),
                65536))) {
            if (closed) {
                return;
            }
            socket.setSoTimeout(idleTimeoutMillis);
            PduFrame frame;
            while ((frame = PduFrame.read(in, maxFrameBytes)) != null) {
                refused += store(frame, sender, refused);
            }
        } catch (PduFrame.FramingException e) {
            skippedFrames.incrementAndGet();
            log.warn("pdu: closing the connection from {}: {}", sender, e.getMessage());
        } catch (SocketTimeoutException e) {
            log.debug("pdu: closing a connection from {} idle for {} ms", sender, idleTimeoutMillis);
        } catch (EOFException | SocketException e) {
            log.debug("pdu: connection from {} ended: {}", sender, e.toString());
        } catch (IOException | RuntimeException e) {
            log.warn("pdu: connection from {} failed", sender, e);
        } finally {
            open.remove(socket);
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
        if (closed) {
            return;
        }
        closed = true;
        quietlyClose(server);
        for (Socket s : open) {
            try {
                s.shutdownInput();
            } catch (IOException e) {
                quietlyClose(s);
            }
        }
        connections.shutdown();
        try {
            if (!connections.awaitTermination(10, TimeUnit.SECONDS)) {
                open.forEach(PduListener::quietlyClose);
                connections.shutdownNow();
            }
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("PDU listener stopped");
    }

    private static void quietlyClose(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown or refusal: nothing left to do with it
        }
    }
}
