package io.sentrycloud.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server (the JDK's) standing in for sentry_server's putMetrics: it records every body it is sent and
 * answers a chosen status. It can be stopped and started again on the same port, like a restarted server.
 */
final class Receiver implements AutoCloseable {

    private static final Pattern VALUE = Pattern.compile("\"value\":([-0-9.eE+]+)}");

    private final int port;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> encodings = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long delayMillis;
    private HttpServer server;

    Receiver() throws IOException {
        this(freePort());
    }

    Receiver(int port) throws IOException {
        this.port = port;
        start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    synchronized void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
            InputStream in = ex.getRequestBody();
            if ("gzip".equals(encoding)) {
                in = new GZIPInputStream(in);
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int answer = status;
            if (answer == 200) {
                bodies.add(body);
                encodings.add(encoding == null ? "" : encoding);
            }
            byte[] reply = ("{\"code\":" + (answer == 200 ? 0 : 4) + ",\"msg\":\"ok\",\"data\":null}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer, reply.length);
            ex.getResponseBody().write(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void answer(int status) {
        this.status = status;
    }

    void delay(long millis) {
        this.delayMillis = millis;
    }

    List<String> bodies() {
        return bodies;
    }

    List<String> encodings() {
        return encodings;
    }

    /** The values of every point received, in the order received. */
    List<Double> values() {
        List<Double> values = new ArrayList<>();
        for (String body : bodies) {
            Matcher m = VALUE.matcher(body);
            while (m.find()) {
                values.add(Double.parseDouble(m.group(1)));
            }
        }
        return values;
    }

    @Override
    public void close() {
        stop();
    }
}
