package io.sentrycloud.server.ingest;

import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.tsdb.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers the points a protocol parser decodes from one request (or one run of TCP lines): each candidate is
 * checked by {@link PointRules} and either kept or recorded as an error under its position, so no refusal goes
 * uncounted. Not thread-safe: one per request.
 */
public final class PointCollector {

    private final PointRules rules;
    private final String sender;
    private final int maxPoints;
    private List<Point> points = new ArrayList<>();
    private List<Integer> indexes = new ArrayList<>();
    private List<PointError> errors = new ArrayList<>();
    private int next;

    /**
     * @param sender    the sender's address, the {@code sentryIP} tag of points without one
     * @param maxPoints most candidates one request may carry; one more is refused with HTTP 413
     */
    public PointCollector(PointRules rules, String sender, int maxPoints) {
        this.rules = rules;
        this.sender = sender;
        this.maxPoints = maxPoints;
    }

    /**
     * Checks one candidate and keeps it, or records why not.
     *
     * @param where     names the candidate in an error, e.g. {@code line 3 field 'usage'}
     * @param timestamp epoch milliseconds
     * @return null when the point was kept, else the error recorded for it
     * @throws ApiException 413 past {@code maxPoints}
     */
    public String add(String where, String metric, Map<String, String> tags, long timestamp, double value) {
        int index = claim();
        try {
            points.add(rules.check(metric, tags, timestamp, value, sender));
            indexes.add(index);
            return null;
        } catch (InvalidPointException e) {
            String error = where + ": " + e.getMessage();
            errors.add(new PointError(index, error));
            return error;
        }
    }

    /**
     * Records a candidate that cannot become a point at all (a syntax error, an unsupported kind of value).
     *
     * @return the error recorded
     */
    public String reject(String where, String why) {
        String error = where + ": " + why;
        errors.add(new PointError(claim(), error));
        return error;
    }

    private int claim() {
        if (next >= maxPoints) {
            throw new ApiException(413, ApiCode.INVALID_PARAMETER, "the request carries more than " + maxPoints
                    + " points (ingest.max_points_per_request); split it into smaller batches; nothing was stored");
        }
        return next++;
    }

    /** Candidates seen so far, kept or not. */
    public int size() {
        return next;
    }

    /** The batch gathered since the previous drain (or the start); the collector starts empty again. */
    public PointBatch drain() {
        PointBatch batch = new PointBatch(points, indexes, errors);
        points = new ArrayList<>();
        indexes = new ArrayList<>();
        errors = new ArrayList<>();
        next = 0;
        return batch;
    }
}
