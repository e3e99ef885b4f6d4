package io.sentrycloud.agent.listen;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original binary PDU stream on TCP (the original agent's port 50000): each connection carries PDUs back to
 * back. A bad magic number or an oversized frame closes the connection (the stream cannot be resynchronised); a
 * PDU whose JSON is bad is skipped; valid points are forwarded.
 */
public final class PduListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PduListener.class);
    /** Most connections served at once; more are closed at once. */
    static final int MAX_CONNECTIONS = 64;
    /** A connection that sends nothing for this long is closed. */
    static final int IDLE_MILLIS = 10 * 60 * 1000;

    private final ServerSocket socket;
    private final ThreadPoolExecutor connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final PointForwarder forwarder;
    private final ListenerStats stats;
    private final String sentryIp;
    private final int maxPayload;
    private final Thread acceptor;
    private volatile boolean closed;

    private PduListener(ServerSocket socket, PointForwarder forwarder, ListenerStats stats, String sentryIp,
                        int maxPayload) {
        this.socket = socket;
        this.forwarder = forwarder;
        this.stats = stats;
        this.sentryIp = sentryIp;
        this.maxPayload = maxPayload;
        this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "sentry-agent-pdu");
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::accept, "sentry-agent-pdu-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Binds and starts accepting.
     *
     * @param port 0 for a free port (tests)
     */
    public static PduListener start(String host, int port, PointForwarder forwarder, ListenerStats stats,
                                    String sentryIp, int maxPayload) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 64);
        PduListener listener = new PduListener(socket, forwarder, stats, sentryIp, maxPayload);
        listener.acceptor.start();
        log.info("listening for PDU streams on tcp://{}:{}", host, listener.port());
        return listener;
    }

    /** The bound port. */
    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("accepting a PDU connection failed: {}", e.toString());
                }
                continue;
            }
            try {
                connections.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                log.warn("closing PDU connection from {}: already {} connections", s.getRemoteSocketAddress(),
                        MAX_CONNECTIONS);
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket s) {
        open.add(s);
        try (s; DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 65536))) {
            s.setSoTimeout(IDLE_MILLIS);
            s.setKeepAlive(true);
            Pdu pdu;
            while ((pdu = Pdu.read(in, maxPayload)) != null) {
                if (pdu.type() != Pdu.TYPE_METRICS) {
                    stats.refused("tcp", 1);
                    log.debug("skipping PDU of type {} from {}", pdu.type(), s.getRemoteSocketAddress());
                    continue;
                }
                IncomingPoints points;
                try {
                    points = IncomingPoints.read(pdu.payload(), sentryIp);
                } catch (IncomingPoints.MalformedException e) {
                    stats.refused("tcp", 1);
                    log.warn("skipping PDU {} from {}: {}", pdu.sequence(), s.getRemoteSocketAddress(),
                            e.getMessage());
                    continue;
                }
                int taken = forwarder.forward(points.points());
                stats.received("tcp", taken);
                stats.refused("tcp", points.errors().size() + points.points().size() - taken);
                if (!points.errors().isEmpty()) {
                    log.debug("PDU {} from {}: {}", pdu.sequence(), s.getRemoteSocketAddress(), points.errors());
                }
            }
        } catch (Pdu.FramingException e) {
            stats.refused("tcp", 1);
            log.warn("closing PDU connection from {}: {}", s.getRemoteSocketAddress(), e.getMessage());
        } catch (EOFException | SocketException e) {
            log.debug("PDU connection from {} ended: {}", s.getRemoteSocketAddress(), e.toString());
        } catch (IOException e) {
            log.debug("PDU connection from {} failed: {}", s.getRemoteSocketAddress(), e.toString());
        } finally {
            open.remove(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(PduListener::closeQuietly);
        connections.shutdownNow();
    }
}
