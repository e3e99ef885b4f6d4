package io.sentrycloud.sdk.delivery;

import io.sentrycloud.sdk.MetricPoint;
import io.sentrycloud.sdk.json.PointJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** One request body: the gzip-compressed JSON array of some points, and how many points it holds. */
public final class Batch {

    private final int points;
    private final byte[] gzipJson;

    /**
     * @param points   number of points in the body
     * @param gzipJson the gzip-compressed JSON array (not copied: callers hand over ownership)
     */
    public Batch(int points, byte[] gzipJson) {
        if (points <= 0) {
            throw new IllegalArgumentException("a batch holds at least one point, got " + points);
        }
        this.points = points;
        this.gzipJson = gzipJson;
    }

    /** Encodes and compresses {@code points} (not empty). */
    public static Batch of(List<MetricPoint> points) {
        byte[] json = PointJson.encode(points);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return new Batch(points.size(), out.toByteArray());
    }

    public int points() {
        return points;
    }

    /** The compressed body; do not modify. */
    public byte[] gzipJson() {
        return gzipJson;
    }

    /** Size of the compressed body in bytes. */
    public int bytes() {
        return gzipJson.length;
    }
}
