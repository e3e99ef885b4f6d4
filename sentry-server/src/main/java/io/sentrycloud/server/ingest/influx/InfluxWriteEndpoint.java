package io.sentrycloud.server.ingest.influx;

import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /write} (InfluxDB 1.x) and {@code POST /api/v2/write} (2.x): line protocol in, InfluxDB's answers
 * out. Everything stored → 204. Only string fields refused → 200 with the counts (the numbers of those lines are
 * stored; a string cannot be). Any other refusal → 400 "partial write" naming the first bad line, with the counts;
 * the valid points are stored either way. {@code db}, {@code rp}, {@code org} and {@code bucket} are accepted and
 * not used: sentry has one namespace.
 */
public final class InfluxWriteEndpoint {

    /** Errors listed in one answer; the counts stay exact beyond it. */
    private static final int MAX_LISTED_ERRORS = 100;

    private final PointRules rules;
    private final PointWriter writer;
    private final long maxBodyBytes;
    private final int maxPoints;
    private final Clock clock;

    public InfluxWriteEndpoint(PointRules rules, PointWriter writer, long maxBodyBytes, int maxPoints, Clock clock) {
        this.rules = rules;
        this.writer = writer;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPoints = maxPoints;
        this.clock = clock;
    }

    /** {@code POST /write?precision=n|u|ms|s|m|h}. */
    public void writeV1(Context ctx) {
        handle(ctx, true);
    }

    /** {@code POST /api/v2/write?precision=ns|us|ms|s}. */
    public void writeV2(Context ctx) {
        handle(ctx, false);
    }

    /** {@code GET|HEAD /ping}: what InfluxDB clients probe before writing. */
    public void ping(Context ctx) {
        ctx.header("X-Influxdb-Version", "1.8-sentry").header("X-Influxdb-Build", "OSS").status(204);
    }

    private void handle(Context ctx, boolean v1) {
        try {
            InfluxLineParser.Precision precision;
            try {
                precision = InfluxLineParser.Precision.parse(ctx.queryParam("precision"), v1);
            } catch (IllegalArgumentException e) {
                answer(ctx, 400, e.getMessage(), null, 0);
                return;
            }
            String body;
            try (InputStream in = RequestBody.open(ctx, maxBodyBytes)) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw RequestBody.failure(e, maxBodyBytes);
            }
            String sender = ctx.req().getRemoteAddr();
            PointCollector points = new PointCollector(rules, sender, maxPoints);
            InfluxLineParser.Result parsed = InfluxLineParser.parse(body, precision, clock.millis(), points);
            PointWriter.Stored stored = writer.write(points.drain(), sender);
            if (stored.rejected() == 0) {
                ctx.status(204);
                return;
            }
            boolean onlyStrings = stored.rejected() == parsed.refusedStrings();
            String msg = (onlyStrings ? "" : "partial write: ") + stored.summary("fields");
            answer(ctx, onlyStrings ? 200 : 400, msg, stored, parsed.refusedStrings());
        } catch (ApiException e) {
            answer(ctx, e.status(), e.getMessage(), null, 0);
        }
    }

    /** InfluxDB's error body ({@code error} for 1.x, {@code code}/{@code message} for 2.x) plus sentry's counts. */
    private static void answer(Context ctx, int status, String msg, PointWriter.Stored stored, int strings) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (status >= 400) {
            body.put("code", status == 413 ? "request too large" : status >= 500 ? "internal error" : "invalid");
        }
        body.put("message", msg);
        if (status >= 400) {
            body.put("error", msg);
        }
        if (stored != null) {
            body.put("accepted", stored.accepted());
            body.put("rejected", stored.rejected());
            body.put("refused_strings", strings);
            List<PointError> errors = stored.errors();
            body.put("errors", errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS)));
        }
        try {
            ctx.status(status).contentType("application/json; charset=utf-8")
                    .result(ApiJson.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the answer", e);
        }
    }
}
