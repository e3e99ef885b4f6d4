package io.sentrycloud.server.ingest.tcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server of newline-separated text lines (OpenTSDB telnet, Graphite plaintext): one thread per connection up
 * to a maximum, lines bounded in length (a longer one is discarded up to its newline and reported to the session),
 * connections closed after an idle timeout, and a clean shutdown in which every session flushes what it holds.
 */
public final class LineListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LineListener.class);

    /** What one connection does with its lines. Called from the connection's thread only. */
    public interface Session {
        /**
         * One line, without its {@code \n} or {@code \r\n}.
         *
         * @return false to end the connection (e.g. an {@code exit} command)
         */
        boolean line(String line);

        /** A line longer than the limit was discarded; {@code length} is how long it was. */
        void tooLong(long length);

        /**
         * Nothing more is buffered on the connection (or the connection ends): write what is held. Sessions may
         * also flush on their own when they hold many points.
         */
        void flush();
    }

    /** Where a session writes its answers (a line each); writes after the peer left are dropped. */
    public interface Replies {
        void send(String line);
    }

    private final String name;
    private final ServerSocket server;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int maxLineBytes;
    private final int idleTimeoutMillis;
    private final Function<Connection, Session> sessions;
    private final Thread acceptor;
    private volatile boolean closed;

    /** The peer of a new connection and its reply channel. */
    public record Connection(String senderIp, Replies replies) {
    }

    private LineListener(String name, ServerSocket server, int maxConnections, int maxLineBytes,
                         int idleTimeoutMillis, Function<Connection, Session> sessions) {
        this.name = name;
        this.server = server;
        this.maxLineBytes = maxLineBytes;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.sessions = sessions;
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
     * @param port 0 for a free port (see {@link #port()})
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static LineListener start(String name, String host, int port, int maxConnections, int maxLineBytes,
                                     int idleTimeoutSeconds, Function<Connection, Session> sessions) {
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + name + " on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        LineListener listener = new LineListener(name, server, maxConnections, maxLineBytes,
                idleTimeoutSeconds * 1000, sessions);
        listener.acceptor.start();
        log.info("{} listening on {}:{}", name, host, server.getLocalPort());
        return listener;
    }

    /** The TCP port bound. */
    public int port() {
        return server.getLocalPort();
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
        Session session = null;
        try (socket) {
            if (closed) {
                return;
            }
            socket.setSoTimeout(idleTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            Replies replies = line -> {
                try {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException gone) {
                    // the peer left; what it sent is still stored
                }
            };
            session = sessions.apply(new Connection(socket.getInetAddress().getHostAddress(), replies));
            readLines(new BufferedInputStream(socket.getInputStream(), 65536), session);
        } catch (SocketTimeoutException e) {
            log.debug("{}: closing a connection idle for {} ms", name, idleTimeoutMillis);
        } catch (SocketException e) {
            log.debug("{}: connection ended: {}", name, e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("{}: connection failed", name, e);
        } finally {
            open.remove(socket);
            if (session != null) {
                try {
                    session.flush();
                } catch (RuntimeException e) {
                    log.warn("{}: flushing a closed connection's points failed", name, e);
                }
            }
        }
    }

    private void readLines(InputStream in, Session session) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        long discarded = -1; // >= 0 while skipping the rest of a too long line
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (discarded >= 0) {
                    session.tooLong(discarded);
                } else if (line.size() > 0) {
                    session.line(decode(line));
                }
                return;
            }
            if (b == '\n') {
                if (discarded >= 0) {
                    session.tooLong(discarded);
                    discarded = -1;
                } else if (!session.line(decode(line))) {
                    return;
                }
                line.reset();
                if (in.available() == 0) {
                    session.flush();
                }
                continue;
            }
            if (discarded >= 0) {
                discarded++;
            } else if (line.size() >= maxLineBytes) {
                discarded = line.size() + 1L;
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private static String decode(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Stops accepting, ends every connection after what it already sent is read and flushed, and waits for them
     * (at most 10 s).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        quietlyClose(server);
        for (Socket s : open) {
            try {
                s.shutdownInput(); // the reader sees the end of input, flushes and closes
            } catch (IOException e) {
                quietlyClose(s);
            }
        }
        connections.shutdown();
        try {
            if (!connections.awaitTermination(10, TimeUnit.SECONDS)) {
                open.forEach(LineListener::quietlyClose);
                connections.shutdownNow();
            }
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{} stopped", name);
    }

    private static void quietlyClose(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown or refusal: nothing left to do with it
        }
    }
}
