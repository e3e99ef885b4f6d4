package io.sentrycloud.alarm.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentrycloud.alarm.eval.SeriesQuery;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.TagFilter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks a sentry_server's query API over HTTP. Tag filters are written back in the API's syntax ({@code *},
 * {@code a||b}, {@code ~regex}, {@code !=key}); times go as epoch seconds. A refused or failed request is a
 * {@link StoreException} carrying the server's message, which the engine shows as the rule's query error.
 */
public final class HttpSeriesQuery implements SeriesQuery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI server;
    private final HttpClient http;
    private final Duration timeout;

    /** @param server the server's base URL, e.g. {@code http://127.0.0.1:51001} */
    public HttpSeriesQuery(URI server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<SeriesResult> range(Query q) {
        ObjectNode body = window(q);
        ObjectNode line = ((ArrayNode) body.putArray("metrics")).addObject().put("metric", q.metric());
        line.set("tags", tags(q.filters()));
        ArrayNode groupBy = line.putArray("group_by");
        q.groupBy().forEach(groupBy::add);
        List<SeriesResult> out = new ArrayList<>();
        for (JsonNode c : post("/server/api/range", body)) {
            List<DataPoint> points = new ArrayList<>();
            for (JsonNode dp : c.path("dps")) {
                points.add(new DataPoint(dp.get("ts").asLong() * 1000, dp.get("v").asDouble()));
            }
            out.add(new SeriesResult(c.path("metric").asText(q.metric()), groupTags(c.path("tags"), q.groupBy()),
                    points));
        }
        return out;
    }

    @Override
    public List<SeriesResult> topN(Query q, String rankTag, boolean descending, int limit) {
        ObjectNode body = window(q).put("metric", q.metric()).put("limit", limit)
                .put("order", descending ? "desc" : "asc");
        body.set("tags", tags(q.filters()));
        List<SeriesResult> out = new ArrayList<>();
        for (JsonNode e : post("/server/api/topn", body)) {
            out.add(new SeriesResult(q.metric(), Map.of(rankTag, e.get("name").asText()),
                    List.of(new DataPoint(q.start(), e.get("value").asDouble()))));
        }
        return out;
    }

    private static ObjectNode window(Query q) {
        return JSON.createObjectNode().put("start", Math.floorDiv(q.start(), 1000))
                .put("end", Math.floorDiv(q.end(), 1000)).put("aggregator", q.aggregation().wireName())
                .put("down_sample", Math.max(1, q.downsample() / 1000));
    }

    private static Map<String, String> groupTags(JsonNode tags, List<String> groupBy) {
        Map<String, String> out = new TreeMap<>();
        for (String k : groupBy) {
            JsonNode v = tags.get(k);
            if (v != null && !v.isNull()) {
                out.put(k, v.asText());
            }
        }
        return out;
    }

    /** The filters in the API's tag syntax. */
    static ObjectNode tags(List<TagFilter> filters) {
        ObjectNode t = JSON.createObjectNode();
        for (TagFilter f : filters) {
            switch (f.kind()) {
                case WILDCARD -> t.put(f.key(), "*");
                case EXACT -> t.put(f.key(), f.values().get(0));
                case ANY_OF -> t.put(f.key(), String.join("||", f.values()));
                case REGEX -> t.put(f.key(), "~" + f.values().get(0));
                case NOT_EQUAL -> t.put("!=" + f.key(), String.join("||", f.values()));
            }
        }
        return t;
    }

    private JsonNode post(String path, ObjectNode body) {
        HttpResponse<String> resp;
        try {
            resp = http.send(HttpRequest.newBuilder(server.resolve(path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("query API " + server.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while asking " + server.resolve(path), e);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new StoreException("query API " + path + " answered HTTP " + resp.statusCode() + " without JSON");
        }
        if (resp.statusCode() / 100 != 2 || reply.path("code").asInt(-1) != 0) {
            throw new StoreException("query API " + path + " refused (HTTP " + resp.statusCode() + ", code "
                    + reply.path("code").asText() + "): " + reply.path("msg").asText());
        }
        return reply.path("data");
    }
}
