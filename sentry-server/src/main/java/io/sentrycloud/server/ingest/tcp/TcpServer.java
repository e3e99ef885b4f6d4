package io.sentrycloud.server.ingest.tcp;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server under every ingest listener (line protocols, the original's PDU stream): one thread per connection
 * up to a maximum (further connections are closed at once), an idle timeout per connection, and a shutdown that
 * ends each connection's input so it finishes what it already read, waiting for them at most 10 s.
 */
public final class TcpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

    /** What one connection does; it runs on the connection's own thread and may throw to end it. */
    public interface Handler {
        void serve(Socket socket) throws IOException;
    }

    private final String name;
    private final ServerSocket server;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int idleTimeoutMillis;
    private final Handler handler;
    private final Thread acceptor;
    private volatile boolean closed;

    private TcpServer(String name, ServerSocket server, int maxConnections, int idleTimeoutMillis, Handler handler) {
        this.name = name;
        this.server = server;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.handler = handler;
        AtomicInteger n = new AtomicInteger();
        this.connections = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "sentry-" + name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::acceptLoop, "sentry-" + name + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds and starts accepting.
     *
     * @param name  names the threads and log lines
     * @param what  what is listened for, for the bind error (e.g. "PDU streams (pdu.port)")
     * @param port  0 for a free port (see {@link #port()})
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static TcpServer start(String name, String what, String host, int port, int maxConnections,
                                  int idleTimeoutSeconds, Handler handler) {
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + what + " on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        TcpServer tcp = new TcpServer(name, server, maxConnections, idleTimeoutSeconds * 1000, handler);
        tcp.acceptor.start();
        return tcp;
    }

    /** The TCP port bound. */
    public int port() {
        return server.getLocalPort();
    }

    /** The idle timeout each connection gets, in milliseconds. */
    public int idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{}: accept failed: {}", name, e.getMessage());
                }
                continue;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                log.warn("{}: refusing a connection from {}: all connections are in use", name,
                        socket.getInetAddress().getHostAddress());
                quietlyClose(socket);
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        String sender = socket.getInetAddress().getHostAddress();
        try (socket) {
            if (closed) {
                return;
            }
            socket.setSoTimeout(idleTimeoutMillis);
            handler.serve(socket);
        } catch (SocketTimeoutException e) {
            log.debug("{}: closing a connection from {} idle for {} ms", name, sender, idleTimeoutMillis);
        } catch (EOFException | SocketException e) {
            log.debug("{}: connection from {} ended: {}", name, sender, e.toString());
        } catch (IOException | RuntimeException e) {
            log.warn("{}: connection from {} failed", name, sender, e);
        } finally {
            open.remove(socket);
        }
    }

    /** Stops accepting, ends every connection's input so it finishes what it read, and waits (at most 10 s). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        quietlyClose(server);
        for (Socket s : open) {
            try {
                s.shutdownInput(); // the handler sees the end of input and finishes
            } catch (IOException e) {
                quietlyClose(s);
            }
        }
        connections.shutdown();
        try {
            if (!connections.awaitTermination(10, TimeUnit.SECONDS)) {
                open.forEach(TcpServer::quietlyClose);
                connections.shutdownNow();
            }
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietlyClose(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
