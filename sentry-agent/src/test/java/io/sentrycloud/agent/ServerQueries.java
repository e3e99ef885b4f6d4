package io.sentrycloud.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Queries a real sentry_server's original API over HTTP, as a dashboard would. */
final class ServerQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ServerQueries(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** POSTs a JSON body to an API path and returns the envelope's {@code data}; fails on a non-zero code. */
    JsonNode post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode env = JSON.readTree(r.body());
        if (r.statusCode() != 200 || env.get("code").asInt() != 0) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return env.get("data");
    }

    /** The lines of a range query over the last {@code seconds} for one metric and tag filter (JSON object). */
    JsonNode range(String metric, String tagsJson, long seconds, int downSample, String aggregator)
            throws IOException, InterruptedException {
        return post("/server/api/range", "{\"last\":" + seconds + ",\"aggregator\":\"" + aggregator
                + "\",\"down_sample\":" + downSample + ",\"metrics\":[{\"metric\":\"" + metric + "\",\"tags\":"
                + tagsJson + "}]}");
    }

    /** Polls {@code query} every 200 ms until its answer satisfies {@code done} or {@code timeout} passes. */
    static JsonNode awaitAnswer(Query query, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = query.run();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = query.run();
        }
        return last;
    }

    /** A query that may throw. */
    interface Query {
        JsonNode run() throws Exception;
    }
}
