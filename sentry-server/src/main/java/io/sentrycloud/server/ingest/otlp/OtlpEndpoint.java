package io.sentrycloud.server.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import io.sentrycloud.server.ingest.wire.ProtoWriter;
import io.sentrycloud.server.ingest.wire.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP, {@code application/x-protobuf} or {@code application/json} (optionally
 * gzip), answered in the request's encoding as the OTLP spec says: 200 with an empty
 * {@code ExportMetricsServiceResponse} when everything was stored, 200 with {@code partial_success}
 * ({@code rejected_data_points} counts stored points refused, {@code error_message} names the first) when some were
 * not, and 400 with a {@code google.rpc.Status} when the body does not decode (nothing stored).
 */
public final class OtlpEndpoint {

    /** {@code google.rpc.Code.INVALID_ARGUMENT}. */
    private static final int INVALID_ARGUMENT = 3;

    private final PointRules rules;
    private final PointWriter writer;
    private final long maxBodyBytes;
    private final int maxPoints;

    public OtlpEndpoint(PointRules rules, PointWriter writer, long maxBodyBytes, int maxPoints) {
        this.rules = rules;
        this.writer = writer;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPoints = maxPoints;
    }

    public void handle(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean json = type.startsWith("application/json");
        if (!json && !type.startsWith("application/x-protobuf") && !type.startsWith("application/protobuf")) {
            status(ctx, 415, false, "Content-Type '" + ctx.contentType() + "' is not supported; send "
                    + "application/x-protobuf or application/json");
            return;
        }
        try {
            byte[] body;
            try (InputStream in = RequestBody.open(ctx, maxBodyBytes)) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw RequestBody.failure(e, maxBodyBytes);
            }
            String sender = ctx.req().getRemoteAddr();
            PointCollector points = new PointCollector(rules, sender, maxPoints);
            try {
                if (json) {
                    JsonNode root = ApiJson.MAPPER.readTree(body);
                    OtlpParser.parseJson(root, points);
                } else {
                    OtlpParser.parseProtobuf(body, points);
                }
            } catch (JsonProcessingException e) {
                status(ctx, 400, true, "cannot decode the OTLP request: " + ApiJson.describe(e)
                        + "; nothing was stored");
                return;
            } catch (IOException e) {
                throw RequestBody.failure(e, maxBodyBytes);
            } catch (WireFormatException e) {
                status(ctx, 400, json, "cannot decode the OTLP request: " + e.getMessage() + "; nothing was stored");
                return;
            }
            PointWriter.Stored stored = writer.write(points.drain(), sender);
            if (json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                if (stored.rejected() > 0) {
                    answer.put("partialSuccess", Map.of("rejectedDataPoints", Integer.toString(stored.rejected()),
                            "errorMessage", stored.summary("points")));
                }
                ctx.status(200).contentType("application/json").result(ApiJson.MAPPER.writeValueAsBytes(answer));
            } else {
                ProtoWriter answer = new ProtoWriter();
                if (stored.rejected() > 0) {
                    answer.message(1, new ProtoWriter().varint(1, stored.rejected())
                            .string(2, stored.summary("points")));
                }
                ctx.status(200).contentType("application/x-protobuf").result(answer.toByteArray());
            }
        } catch (ApiException e) {
            status(ctx, e.status(), json, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the answer", e);
        }
    }

    /** A {@code google.rpc.Status} answer in the request's encoding. */
    private static void status(Context ctx, int httpStatus, boolean json, String message) {
        if (json) {
            try {
                ctx.status(httpStatus).contentType("application/json").result(ApiJson.MAPPER.writeValueAsBytes(
                        Map.of("code", INVALID_ARGUMENT, "message", message)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode the answer", e);
            }
        } else {
            ctx.status(httpStatus).contentType("application/x-protobuf").result(new ProtoWriter()
                    .varint(1, INVALID_ARGUMENT).string(2, message).toByteArray());
        }
    }
}
