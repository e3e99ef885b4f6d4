package io.sentrycloud.agent.listen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sentrycloud.sdk.json.PointJson;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /agent/api/putMetrics} (the original agent's port 50001): the original JSON array of points, plain or
 * {@code Content-Encoding: gzip}; the valid points are forwarded, the answer is the original envelope
 * {@code {"code","msg","data":{"accepted","rejected"}}} with 400 naming the first bad point.
 */
public final class HttpListener implements AutoCloseable {

    /** The path local apps post to. */
    public static final String PATH = "/agent/api/putMetrics";
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final PointForwarder forwarder;
    private final ListenerStats stats;
    private final String sentryIp;
    private final long maxBodyBytes;

    private HttpListener(HttpServer server, ExecutorService executor, PointForwarder forwarder, ListenerStats stats,
                         String sentryIp, long maxBodyBytes) {
        this.server = server;
        this.executor = executor;
        this.forwarder = forwarder;
        this.stats = stats;
        this.sentryIp = sentryIp;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Binds and starts serving.
     *
     * @param port 0 for a free port (tests)
     */
    public static HttpListener start(String host, int port, PointForwarder forwarder, ListenerStats stats,
                                     String sentryIp, long maxBodyBytes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sentry-agent-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        HttpListener listener = new HttpListener(server, executor, forwarder, stats, sentryIp, maxBodyBytes);
        server.createContext("/", listener::handle);
        server.start();
        log.info("listening for JSON points on http://{}:{}{}", host, listener.port(), PATH);
        return listener;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (!ex.getRequestURI().getPath().replaceAll("/+$", "").equals(PATH)) {
                reply(ex, 404, 1, "no API at " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath()
                        + "; points go to POST " + PATH, null);
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                reply(ex, 405, 2, ex.getRequestMethod() + " is not allowed on " + PATH + "; POST a JSON array of "
                        + "points", null);
                return;
            }
            IncomingPoints in;
            try (InputStream body = body(ex)) {
                in = IncomingPoints.read(body, sentryIp);
            } catch (IncomingPoints.MalformedException e) {
                stats.refused("http", 1);
                reply(ex, 400, 3, e.getMessage(), null);
                return;
            } catch (BodyTooLarge e) {
                stats.refused("http", 1);
                reply(ex, 413, 4, "the body is over the limit of " + maxBodyBytes + " bytes "
                        + "(listeners.max_body_bytes); send smaller batches", null);
                return;
            } catch (java.util.zip.ZipException e) {
                stats.refused("http", 1);
                reply(ex, 400, 3, "the body is marked Content-Encoding: gzip but is not gzip data", null);
                return;
            }
            int taken = forwarder.forward(in.points());
            stats.received("http", taken);
            stats.refused("http", in.errors().size() + (in.points().size() - taken));
            String data = "{\"accepted\":" + taken + ",\"rejected\":" + (in.errors().size()
                    + in.points().size() - taken) + "}";
            if (taken < in.points().size()) {
                reply(ex, 503, 4, (in.points().size() - taken) + " points dropped: the agent's queue is full "
                        + "(the server is unreachable or slow)", data);
            } else if (!in.errors().isEmpty()) {
                reply(ex, 400, 4, in.errors().size() + " of " + (in.errors().size() + in.points().size())
                        + " points rejected: " + in.errors().get(0) + "; " + taken + " points were forwarded", data);
            } else {
                reply(ex, 200, 0, "ok", data);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("putMetrics from {} failed: {}", ex.getRemoteAddress(), e.toString());
            throw e;
        } finally {
            ex.close();
        }
    }

    private InputStream body(HttpExchange ex) throws IOException {
        InputStream raw = new Capped(ex.getRequestBody(), maxBodyBytes);
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.trim().toLowerCase(Locale.ROOT).matches("x-gzip|gzip")) {
            return new Capped(new GZIPInputStream(raw), maxBodyBytes);
        }
        return raw;
    }

    private static void reply(HttpExchange ex, int status, int code, String msg, String dataJson)
            throws IOException {
        StringBuilder sb = new StringBuilder("{\"code\":").append(code).append(",\"msg\":");
        PointJson.string(sb, msg);
        sb.append(",\"data\":").append(dataJson == null ? "null" : dataJson).append('}');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting requests, giving those in progress a second. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    /** A body past the size limit. */
    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large");
        }
    }

    /** Fails once more than {@code max} bytes were read. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++read > max) {
                throw new BodyTooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (read += n) > max) {
                throw new BodyTooLarge();
            }
            return n;
        }
    }
}
