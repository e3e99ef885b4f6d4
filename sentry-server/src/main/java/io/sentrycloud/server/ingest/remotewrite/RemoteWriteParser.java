package io.sentrycloud.server.ingest.remotewrite;

import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.wire.ProtoReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus remote write 1.0's {@code WriteRequest} (after snappy): each {@code TimeSeries}' {@code __name__}
 * label is the metric, its other labels the tags (a label with an empty value is absent, as in Prometheus), and
 * each sample a point. Staleness markers (the special NaN Prometheus writes when a series disappears) are skipped:
 * they mark an absence, not a value. Native histograms cannot be stored and are refused, one count each.
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in ms
 * </pre>
 */
public final class RemoteWriteParser {

    /** The bits of Prometheus' staleness marker NaN ({@code value.StaleNaN}). */
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    /**
     * What a request held besides its points.
     *
     * @param series       time series read
     * @param staleMarkers staleness markers skipped
     */
    public record Result(int series, int staleMarkers) {
    }

    private RemoteWriteParser() {
    }

    /**
     * Adds every sample of a decompressed {@code WriteRequest} to {@code out}.
     *
     * @throws io.sentrycloud.server.ingest.wire.WireFormatException when the bytes are not a WriteRequest
     */
    public static Result parse(byte[] writeRequest, PointCollector out) {
        ProtoReader r = new ProtoReader(writeRequest);
        int series = 0;
        int stale = 0;
        while (r.next()) {
            if (r.field() == 1) {
                stale += timeSeries(r.message(), series++, out);
            } else {
                r.skip(); // metadata (3) and anything newer
            }
        }
        return new Result(series, stale);
    }

    private static int timeSeries(ProtoReader r, int index, PointCollector out) {
        Map<String, String> tags = new LinkedHashMap<>();
        String metric = null;
        List<long[]> samples = new ArrayList<>(); // {value bits, timestamp}
        int histograms = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    String[] label = label(r.message());
                    if (label[0].equals("__name__")) {
                        metric = label[1];
                    } else if (!label[1].isEmpty()) {
                        tags.put(label[0], label[1]);
                    }
                }
                case 2 -> samples.add(sample(r.message()));
                case 4 -> {
                    histograms++;
                    r.skip();
                }
                default -> r.skip();
            }
        }
        String where = "series " + index + (metric == null || metric.isEmpty() ? "" : " (" + abbreviate(metric) + ")");
        for (int k = 0; k < histograms; k++) {
            out.reject(where + " histogram " + k, "native histograms cannot be stored; send classic histograms");
        }
        int stale = 0;
        for (int k = 0; k < samples.size(); k++) {
            long[] s = samples.get(k);
            if (s[0] == STALE_NAN_BITS) {
                stale++;
                continue;
            }
            if (metric == null || metric.isEmpty()) {
                out.reject(where + " sample " + k, "the series has no __name__ label");
                continue;
            }
            out.add(where + " sample " + k, metric, tags, s[1], Double.longBitsToDouble(s[0]));
        }
        return stale;
    }

    private static String[] label(ProtoReader r) {
        String name = "";
        String value = "";
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> value = r.string();
                default -> r.skip();
            }
        }
        return new String[] {name, value};
    }

    private static long[] sample(ProtoReader r) {
        long bits = Double.doubleToRawLongBits(0);
        long timestamp = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> bits = Double.doubleToRawLongBits(r.doubleValue());
                case 2 -> timestamp = r.varint();
                default -> r.skip();
            }
        }
        return new long[] {bits, timestamp};
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
