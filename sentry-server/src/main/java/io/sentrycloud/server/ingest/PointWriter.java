package io.sentrycloud.server.ingest;

import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.selfmon.ServerStats;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of every ingest protocol: stores a batch's valid points, turns the store's series limit into
 * per-point errors, and counts the outcome in the server's self-monitoring.
 */
public final class PointWriter {

    private static final Logger log = LoggerFactory.getLogger(PointWriter.class);

    private final TimeSeriesStore store;
    private final ServerStats stats;

    public PointWriter(TimeSeriesStore store, ServerStats stats) {
        this.store = store;
        this.stats = stats;
    }

    /**
     * Stores the valid points of {@code batch}.
     *
     * @return how many were stored, and every refusal (the batch's own and the store's) sorted by index
     * @throws ApiException 500 (507 when the disk is full) when the store fails; then nothing may be assumed stored
     */
    public Stored write(PointBatch batch, String sender) {
        List<PointError> errors = new ArrayList<>(batch.errors());
        int accepted = store(batch, errors);
        stats.recordIngest(sender, accepted, errors.size());
        errors.sort(Comparator.comparingInt(PointError::index));
        return new Stored(accepted, errors);
    }

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
     * What a write did.
     *
     * @param accepted points stored
     * @param errors   refused points by index
     */
    public record Stored(int accepted, List<PointError> errors) {

        public int rejected() {
            return errors.size();
        }

        /** "2 of 5 points rejected: point 1: ... (and 1 more)", the first refusal spelled out; "" when none. */
        public String summary(String unit) {
            if (errors.isEmpty()) {
                return "";
            }
            StringBuilder msg = new StringBuilder().append(errors.size()).append(" of ")
                    .append(accepted + errors.size()).append(' ').append(unit).append(" rejected: ")
                    .append(errors.get(0).error());
            if (errors.size() > 1) {
                msg.append(" (and ").append(errors.size() - 1).append(" more)");
            }
            return msg.append("; ").append(accepted).append(" stored").toString();
        }
    }
}
