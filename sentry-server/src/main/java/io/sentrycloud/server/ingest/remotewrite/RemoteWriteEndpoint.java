package io.sentrycloud.server.ingest.remotewrite;

import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import io.sentrycloud.server.ingest.wire.SnappyBlock;
import io.sentrycloud.server.ingest.wire.WireFormatException;
import java.util.Locale;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 (snappy block-compressed protobuf). 204 when every sample
 * is stored; 400 with a text body naming the first refusal and the counts otherwise (Prometheus does not retry a
 * 4xx, and the valid samples are stored); 415 for remote write 2.0 or another encoding.
 */
public final class RemoteWriteEndpoint {

    private final PointRules rules;
    private final PointWriter writer;
    private final long maxBodyBytes;
    private final int maxPoints;

    public RemoteWriteEndpoint(PointRules rules, PointWriter writer, long maxBodyBytes, int maxPoints) {
        this.rules = rules;
        this.writer = writer;
        this.maxBodyBytes = maxBodyBytes;
        this.maxPoints = maxPoints;
    }

    public void handle(Context ctx) {
        try {
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
            if (type.contains("io.prometheus.write.v2")) {
                text(ctx, 415, "remote write 2.0 is not supported; configure protobuf_message: "
                        + "prometheus.WriteRequest (remote write 1.0)");
                return;
            }
            String encoding = ctx.header("Content-Encoding");
            if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("snappy")) {
                text(ctx, 415, "Content-Encoding '" + encoding + "' is not supported; remote write bodies are "
                        + "snappy-compressed");
                return;
            }
            byte[] body = RequestBody.readRaw(ctx, maxBodyBytes);
            String sender = ctx.req().getRemoteAddr();
            PointCollector points = new PointCollector(rules, sender, maxPoints);
            RemoteWriteParser.Result parsed;
            try {
                parsed = RemoteWriteParser.parse(SnappyBlock.decompress(body, maxBodyBytes), points);
            } catch (WireFormatException e) {
                text(ctx, 400, "cannot decode the remote write request: " + e.getMessage() + "; nothing was stored");
                return;
            }
            PointWriter.Stored stored = writer.write(points.drain(), sender);
            if (stored.rejected() == 0) {
                ctx.status(204);
                return;
            }
            text(ctx, 400, stored.summary("samples") + " (of " + parsed.series() + " series; "
                    + parsed.staleMarkers() + " staleness markers skipped)");
        } catch (ApiException e) {
            text(ctx, e.status(), e.getMessage());
        }
    }

    private static void text(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
    }
}
