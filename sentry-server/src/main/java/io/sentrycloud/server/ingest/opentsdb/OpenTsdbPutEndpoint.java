package io.sentrycloud.server.ingest.opentsdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/put}, answered as OpenTSDB 2.x answers: 204 when every point is stored and neither
 * {@code ?summary} nor {@code ?details} was asked; with one of them 200 {@code {"failed","success"}} (details adds
 * {@code "errors": [{"datapoint","error"}]}); any refused point makes it 400 with the same body, or OpenTSDB's
 * error object (with the counts and the first error) when neither was asked. Valid points are always stored.
 */
public final class OpenTsdbPutEndpoint {

    /** Errors listed in a details answer; the counts stay exact beyond it. */
    private static final int MAX_LISTED_ERRORS = 1000;

    private final PointRules rules;
    private final PointWriter writer;
    private final long maxBodyBytes;
    private final int maxPoints;

    public OpenTsdbPutEndpoint(PointRules rules, PointWriter writer, long maxBodyBytes, int maxPoints) {
        this.rules = rules;
        this.writer = writer;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPoints = maxPoints;
    }

    public void handle(Context ctx) {
        boolean details = ctx.queryParamMap().containsKey("details");
        boolean summary = details || ctx.queryParamMap().containsKey("summary");
        String sender = ctx.req().getRemoteAddr();
        try {
            PointCollector points = new PointCollector(rules, sender, maxPoints);
            List<JsonNode> sent;
            try (InputStream in = RequestBody.open(ctx, maxBodyBytes)) {
                sent = OpenTsdbParser.parseJson(in, points);
            } catch (JsonProcessingException e) {
                error(ctx, 400, "Unable to parse the given JSON", ApiJson.describe(e) + "; nothing was stored");
                return;
            } catch (IOException e) {
                throw RequestBody.failure(e, maxBodyBytes);
            }
            PointWriter.Stored stored = writer.write(points.drain(), sender);
            int status = stored.rejected() == 0 ? (summary ? 200 : 204) : 400;
            if (!summary) {
                if (status == 204) {
                    ctx.status(204);
                } else {
                    error(ctx, 400, "One or more data points had errors: " + stored.summary("data points"),
                            "append \"details\" to the put request to see each error");
                }
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (details) {
                List<Map<String, Object>> errors = new ArrayList<>();
                for (PointError e : stored.errors()) {
                    if (errors.size() == MAX_LISTED_ERRORS) {
                        break;
                    }
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("datapoint", e.index() < sent.size() ? sent.get(e.index()) : null);
                    entry.put("error", e.error());
                    errors.add(entry);
                }
                body.put("errors", errors);
            }
            body.put("failed", stored.rejected());
            body.put("success", stored.accepted());
            json(ctx, status, body);
        } catch (ApiException e) {
            error(ctx, e.status(), e.getMessage(), null);
        }
    }

    /** OpenTSDB's error object {@code {"error": {"code", "message", "details"}}}. */
    private static void error(Context ctx, int status, String message, String details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("message", message);
        if (details != null) {
            error.put("details", details);
        }
        json(ctx, status, Map.of("error", error));
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json; charset=utf-8")
                    .result(ApiJson.MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the answer", e);
        }
    }
}
