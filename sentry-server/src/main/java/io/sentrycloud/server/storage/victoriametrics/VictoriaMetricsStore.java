package io.sentrycloud.server.storage.victoriametrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.tsdb.BucketAggregates;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.StoreStats;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link TimeSeriesStore} on VictoriaMetrics (single node, or a cluster through vminsert and vmselect).
 *
 * <p>Writes: see {@link ImportQueue}. {@link #write} returns once VictoriaMetrics acknowledged the points; they are
 * then in its memory and reach its disk and its search within about a second (its own flush interval), so a write
 * is durable and visible to VictoriaMetrics' policy, not at once.
 *
 * <p>Queries: the raw points of the matching series come from {@code /api/v1/export} and are reduced by {@link
 * BucketAggregates}, as in the embedded store: same series order, same summation order, same answers. Values are
 * as VictoriaMetrics keeps them: it stores a block of a series' values as decimals with a shared exponent, so values
 * with at most about 12 significant digits come back exactly, and a series mixing very large and very small values
 * loses low digits of the small ones.
 *
 * <p>Listings use {@code /api/v1/label/__name__/values}, {@code /api/v1/labels}, {@code /api/v1/label/<k>/values} and
 * {@code /api/v1/series} over all retained data (VictoriaMetrics' default is the current day only).
 */
public final class VictoriaMetricsStore implements TimeSeriesStore {

    private static final JsonFactory JSON = new JsonFactory();
    /** Listings ask from the epoch: VictoriaMetrics clamps that to its retention. */
    private static final String ALL_TIME = "0";

    private final VictoriaMetricsOptions options;
    private final VmHttp http;
    private final ImportQueue imports;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VictoriaMetricsStore(VictoriaMetricsOptions options) {
        this.options = options;
        this.http = new VmHttp(options);
        this.imports = new ImportQueue(http, options);
    }

    /** Opens the store; VictoriaMetrics need not be up yet (writes retry, queries fail until it is). */
    public static VictoriaMetricsStore open(VictoriaMetricsOptions options) {
        return new VictoriaMetricsStore(options);
    }

    @Override
    public void write(List<Point> points) {
        ensureOpen();
        imports.write(points);
    }

    @Override
    public List<SeriesResult> query(Query query) {
        ensureOpen();
        Map<SeriesKey, ExportedSeries> raw = export(query);
        TreeMap<SeriesKey, List<BucketAggregates>> groups = new TreeMap<>();
        // TreeMap order is series key order, as the embedded store reduces: LAST ties and float sums agree
        for (var e : raw.entrySet()) {
            ExportedSeries s = e.getValue();
            s.settle();
            BucketAggregates b = BucketAggregates.of(s.timestamps, s.values, 0, s.size, query.downsample());
            if (b.size() == 0) {
                continue;
            }
            TreeMap<String, String> groupTags = new TreeMap<>();
            for (String key : query.groupBy()) {
                String v = e.getKey().tag(key);
                if (v != null) {
                    groupTags.put(key, v);
                }
            }
            groups.computeIfAbsent(new SeriesKey(query.metric(), groupTags), k -> new ArrayList<>()).add(b);
        }
        List<SeriesResult> results = new ArrayList<>(groups.size());
        groups.forEach((group, partials) -> {
            List<DataPoint> reduced = BucketAggregates.mergeAll(partials).reduce(query.aggregation());
            results.add(new SeriesResult(query.metric(), group.tags(), reduced));
        });
        return results;
    }

    /** The raw points in {@code [start, end]} of every series passing the query's filters, in series key order. */
    private Map<SeriesKey, ExportedSeries> export(Query query) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("match[]", List.of(selector(query.metric(), query.filters())));
        // export takes seconds; ask a millisecond wider and keep exactly [start, end] below
        form.put("start", List.of(seconds(Math.max(0, query.start() - 1))));
        form.put("end", List.of(seconds(query.end() + 1)));
        try {
            return http.postRead("/api/v1/export", form, in -> readExport(in, query));
        } catch (VmHttp.VmStatusException e) {
            boolean regex = query.filters().stream().anyMatch(f -> f.kind() == TagFilter.Kind.REGEX);
            if (!regex || e.status / 100 != 4) {
                throw e;
            }
            // RE2 refused a Java regular expression (e.g. a lookahead): select every value, let Java decide
            form.put("match[]", List.of(SeriesSelector.of(query.metric(), query.filters(), true)));
            return http.postRead("/api/v1/export", form, in -> readExport(in, query));
        }
    }

    private TreeMap<SeriesKey, ExportedSeries> readExport(InputStream in, Query query) throws IOException {
        TreeMap<SeriesKey, ExportedSeries> out = new TreeMap<>();
        long points = 0;
        try (JsonParser p = JSON.createParser(in)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                SeriesKey key = null;
                double[] values = null;
                long[] timestamps = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "metric" -> key = readMetric(p);
                        case "values" -> values = readValues(p);
                        case "timestamps" -> timestamps = readTimestamps(p);
                        default -> p.skipChildren();
                    }
                }
                if (key == null || values == null || timestamps == null || values.length != timestamps.length) {
                    throw new StoreException("VictoriaMetrics export line without metric, values and timestamps");
                }
                // RE2 and Java regular expressions differ at the edges: sentry's filters decide
                if (!query.matches(key)) {
                    continue;
                }
                ExportedSeries s = out.get(key);
                if (s == null) {
                    if (out.size() >= options.maxSeriesPerQuery()) {
                        throw new LimitExceededException("query of '" + query.metric() + "' matches more than "
                                + options.maxSeriesPerQuery() + " series, the limit per query; narrow the tag filters");
                    }
                    s = new ExportedSeries();
                    out.put(key, s);
                }
                for (int i = 0; i < values.length; i++) {
                    long t = timestamps[i];
                    if (t >= query.start() && t <= query.end()) {
                        s.add(t, values[i]);
                        points++;
                    }
                }
                if (points > options.maxPointsPerQuery()) {
                    throw new LimitExceededException("query of '" + query.metric() + "' would read at least "
                            + points + " points from " + out.size() + " series, more than the limit of "
                            + options.maxPointsPerQuery()
                            + " per query; shorten the range or narrow the tag filters");
                }
            }
        }
        return out;
    }

    private static SeriesKey readMetric(JsonParser p) throws IOException {
        String name = null;
        TreeMap<String, String> tags = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            if (k.equals("__name__")) {
                name = p.getText();
            } else {
                tags.put(k, p.getText());
            }
        }
        if (name == null) {
            throw new StoreException("VictoriaMetrics export line without __name__");
        }
        return new SeriesKey(name, tags);
    }

    private static double[] readValues(JsonParser p) throws IOException {
        double[] out = new double[64];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            // VictoriaMetrics writes NaN and infinities as strings; sentry never stores them, but read them
            out[n++] = p.currentToken() == JsonToken.VALUE_STRING ? Double.parseDouble(p.getText().replace("Inf",
                    "Infinity")) : p.getDoubleValue();
        }
        return Arrays.copyOf(out, n);
    }

    private static long[] readTimestamps(JsonParser p) throws IOException {
        long[] out = new long[64];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = p.getLongValue();
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public List<String> metrics(String prefix, int limit) {
        ensureOpen();
        checkLimit(limit);
        JsonNode data = http.postJson("/api/v1/label/__name__/values", Map.of("start", List.of(ALL_TIME)));
        return sortedPrefixed(data, prefix, limit);
    }

    @Override
    public List<String> tagKeys(String metric) {
        ensureOpen();
        JsonNode data = http.postJson("/api/v1/labels", Map.of("match[]", List.of(selector(metric, List.of())),
                "start", List.of(ALL_TIME)));
        TreeSet<String> keys = new TreeSet<>();
        data.forEach(n -> keys.add(n.asText()));
        keys.remove("__name__");
        return List.copyOf(keys);
    }

    @Override
    public List<String> tagValues(String metric, String key, List<TagFilter> filters, String prefix, int limit) {
        ensureOpen();
        checkLimit(limit);
        List<TagFilter> withKey = new ArrayList<>(filters);
        // only series that have the tag have a value for it
        withKey.add(TagFilter.parse(key, "*"));
        JsonNode data = http.postJson("/api/v1/label/" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                        .replace("+", "%20") + "/values",
                Map.of("match[]", List.of(selector(metric, withKey)), "start", List.of(ALL_TIME)));
        return sortedPrefixed(data, prefix, limit);
    }

    @Override
    public List<SeriesKey> series(String metric, List<TagFilter> filters, int limit) {
        ensureOpen();
        checkLimit(limit);
        JsonNode data = http.postJson("/api/v1/series", Map.of("match[]", List.of(selector(metric, filters)),
                "start", List.of(ALL_TIME)));
        TreeSet<SeriesKey> keys = new TreeSet<>();
        for (JsonNode n : data) {
            TreeMap<String, String> tags = new TreeMap<>();
            n.fields().forEachRemaining(f -> tags.put(f.getKey(), f.getValue().asText()));
            String name = tags.remove("__name__");
            SeriesKey k = new SeriesKey(name == null ? metric : name, tags);
            if (k.metric().equals(metric) && filters.stream().allMatch(f -> f.matches(k))) {
                keys.add(k);
            }
        }
        List<SeriesKey> all = List.copyOf(keys);
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /**
     * Series from the read URL's {@code /api/v1/status/tsdb} (today's, as VictoriaMetrics counts them); points, disk
     * and memory from the configured {@code /metrics} page when there is one, else 0.
     */
    @Override
    public StoreStats stats() {
        ensureOpen();
        JsonNode tsdb = http.postJson("/api/v1/status/tsdb", Map.of());
        long series = tsdb.path("totalSeries").asLong();
        if (options.metricsUrl() == null) {
            return new StoreStats(series, 0, 0, 0);
        }
        VmMetricsPage page = VmMetricsPage.parse(http.getText(options.metricsUrl()));
        return new StoreStats(series, page.sum("vm_rows", "type", "storage/") + page.sum("vm_pending_rows", "type",
                "storage"), page.sum("vm_data_size_bytes", "type", ""),
                page.sum("process_resident_memory_bytes", null, null));
    }

    /** Points VictoriaMetrics acknowledged through this store since it opened. */
    public long importedPoints() {
        return imports.importedPoints();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            imports.close();
        }
    }

    private String selector(String metric, List<TagFilter> filters) {
        return SeriesSelector.of(metric, filters);
    }

    private static List<String> sortedPrefixed(JsonNode data, String prefix, int limit) {
        TreeSet<String> out = new TreeSet<>();
        String p = prefix == null ? "" : prefix;
        data.forEach(n -> {
            String v = n.asText();
            if (v.startsWith(p)) {
                out.add(v);
            }
        });
        List<String> all = List.copyOf(out);
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** Epoch milliseconds as the decimal seconds VictoriaMetrics' APIs take. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }

    private static int checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return limit;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new StoreException("the VictoriaMetrics store is closed");
        }
    }
}
