package io.sentrycloud.server.ingest;

import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.selfmon.ServerStats;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code POST /server/api/putMetrics}: stores the valid points of a batch and answers how many were accepted and
 * why each other one was refused.
 */
public final class PutMetricsEndpoint {

    /** Errors listed in one answer; the counts stay exact beyond it. */
    private static final int MAX_LISTED_ERRORS = 100;

    private final PointWriter writer;
    private final PointRules rules;
    private final long maxBodyBytes;
    private final int maxPoints;

    public PutMetricsEndpoint(TimeSeriesStore store, PointRules rules, ServerStats stats, long maxBodyBytes,
                              int maxPoints) {
        this.writer = new PointWriter(store, stats);
        this.rules = rules;
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
        PointWriter.Stored stored = writer.write(batch, sender);
        int accepted = stored.accepted();
        List<PointError> errors = stored.errors();
        if (errors.isEmpty()) {
            Reply.ok(ctx, new Outcome(accepted, 0, null));
            return;
        }
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
