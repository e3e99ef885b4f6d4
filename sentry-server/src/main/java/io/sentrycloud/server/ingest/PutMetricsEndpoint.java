package io.sentrycloud.server.ingest;

import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.selfmon.ServerStats;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /server/api/putMetrics}: stores the valid points of a batch and answers how many were accepted and
 * why each other one was refused.
 */
public final class PutMetricsEndpoint {

    private static final Logger log = LoggerFactory.getLogger(PutMetricsEndpoint.class);
    /** Errors listed in one answer; the counts stay exact beyond it. */
    private static final int MAX_LISTED_ERRORS = 100;

    private final TimeSeriesStore store;
    private final PointRules rules;
    private final ServerStats stats;
    private final long maxBodyBytes;
    private final int maxPoints;

    public PutMetricsEndpoint(TimeSeriesStore store, PointRules rules, ServerStats stats, long maxBodyBytes,
                              int maxPoints) {
        this.store = store;
        this.rules = rules;
        this.stats = stats;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPoints = maxPoints;
    }

    public void handle(Context ctx) {
        String sender = ctx.req().getRemoteAddr();
        PointBatch batch;
        try (InputStream body = RequestBody.open(ctx, maxBodyBytes)) {
            batch = PointBatch.read(body, rules, sender, maxPoints);
        } catch (IOException e) {
            throw RequestBody.failure(e, maxBodyBytes);
        }
        List<PointError> errors = new ArrayList<>(batch.errors());
        int accepted = store(batch, errors);
        stats.recordIngest(sender, accepted, errors.size());
        if (errors.isEmpty()) {
            Reply.ok(ctx, new Outcome(accepted, 0, null));
            return;
        }
        errors.sort(java.util.Comparator.comparingInt(PointError::index));
        List<PointError> listed = errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS));
        StringBuilder msg = new StringBuilder().append(errors.size()).append(" of ").append(batch.size())
                .append(" points rejected");
        msg.append(": point ").append(errors.get(0).index()).append(": ").append(errors.get(0).error());
        if (errors.size() > 1) {
            msg.append(" (and ").append(errors.size() - 1).append(" more, see data.errors)");
        }
        msg.append("; ").append(accepted).append(accepted == 1 ? " point was" : " points were").append(" stored");
        throw new ApiException(400, ApiCode.INVALID_PARAMETER, msg.toString(),
                new Outcome(accepted, errors.size(), listed));
    }

    /** Writes the valid points; returns how many were stored, adding an error for each refused one. */
    private int store(PointBatch batch, List<PointError> errors) {
        if (batch.points().isEmpty()) {
            return 0;
        }
        try {
            store.write(batch.points());
            return batch.points().size();
        } catch (LimitExceededException e) {
            // the series limit refuses new series only: store the points of known series, report the others
            return storeSeriesBySeries(batch, errors);
        } catch (StoreException e) {
            throw storeFailure(e, batch.points().size());
        }
    }

    private int storeSeriesBySeries(PointBatch batch, List<PointError> errors) {
        Map<SeriesKey, List<Integer>> bySeries = new LinkedHashMap<>();
        for (int i = 0; i < batch.points().size(); i++) {
            bySeries.computeIfAbsent(batch.points().get(i).series(), k -> new ArrayList<>()).add(i);
        }
        int accepted = 0;
        for (List<Integer> positions : bySeries.values()) {
            List<Point> points = positions.stream().map(batch.points()::get).toList();
            try {
                store.write(points);
                accepted += points.size();
            } catch (LimitExceededException e) {
                for (int p : positions) {
                    errors.add(new PointError(batch.indexes().get(p), e.getMessage()));
                }
            } catch (StoreException e) {
                throw storeFailure(e, batch.points().size() - accepted);
            }
        }
        return accepted;
    }

    private static ApiException storeFailure(StoreException e, int unstored) {
        log.error("storing {} points failed", unstored, e);
        boolean diskFull = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            diskFull |= t.getMessage() != null && t.getMessage().contains("No space left on device");
        }
        return new ApiException(diskFull ? 507 : 500, ApiCode.STORE_ERROR, "the store could not write the points: "
                + e.getMessage() + "; none of the " + unstored + " points may be assumed stored, send them again");
    }

    /**
     * The ingest answer's {@code data}.
     *
     * @param accepted points stored
     * @param rejected points refused
     * @param errors   the first refusals by index, absent when none
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Outcome(int accepted, int rejected, List<PointError> errors) {
    }
}
