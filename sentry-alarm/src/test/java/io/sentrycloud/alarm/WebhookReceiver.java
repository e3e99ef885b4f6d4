package io.sentrycloud.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A local HTTP server on a random 127.0.0.1 port that keeps every POST it receives. */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request. */
    public record Received(String path, String query, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;
    private volatile String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int s = status;
            if (s / 100 == 2) {
                received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                        Map.copyOf(ex.getRequestHeaders()), body));
            }
            byte[] out = (s / 100 == 2 ? answer : "down").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(s, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answer every request with this HTTP status (and without recording it unless 2xx). */
    public void status(int httpStatus) {
        this.status = httpStatus;
    }

    /** Answer 2xx requests with this body. */
    public void answer(String body) {
        this.answer = body;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
