package io.sentrycloud.server.ingest.tcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
    private final int maxLineBytes;
    private final Function<Connection, Session> sessions;
    private final TcpServer tcp;

    /** The peer of a new connection and its reply channel. */
    public record Connection(String senderIp, Replies replies) {
    }

    private LineListener(String name, String host, int port, int maxConnections, int maxLineBytes,
                         int idleTimeoutSeconds, Function<Connection, Session> sessions) {
        this.name = name;
        this.maxLineBytes = maxLineBytes;
        this.sessions = sessions;
        this.tcp = TcpServer.start(name, name, host, port, maxConnections, idleTimeoutSeconds, this::serve);
    }

    /**
     * Binds and starts accepting.
     *
     * @param port 0 for a free port (see {@link #port()})
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static LineListener start(String name, String host, int port, int maxConnections, int maxLineBytes,
                                     int idleTimeoutSeconds, Function<Connection, Session> sessions) {
        LineListener listener = new LineListener(name, host, port, maxConnections, maxLineBytes, idleTimeoutSeconds,
                sessions);
        log.info("{} listening on {}:{}", name, host, listener.port());
        return listener;
    }

    /** The TCP port bound. */
    public int port() {
        return tcp.port();
    }

    private void serve(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        Replies replies = line -> {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException gone) {
                // the peer left; what it sent is still stored
            }
        };
        Session session = sessions.apply(new Connection(socket.getInetAddress().getHostAddress(), replies));
        try {
            readLines(new BufferedInputStream(socket.getInputStream(), 65536), session);
        } finally {
            try {
                session.flush();
            } catch (RuntimeException e) {
                log.warn("{}: flushing a closed connection's points failed", name, e);
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
        tcp.close();
        log.info("{} stopped", name);
    }
}
