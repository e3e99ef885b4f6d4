package io.sentrycloud.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.tsdb.Point;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The points of one putMetrics request: the valid ones, in request order, and an error per invalid one.
 *
 * @param points  the valid points
 * @param indexes each valid point's position in the request array
 * @param errors  the invalid points
 */
public record PointBatch(List<Point> points, List<Integer> indexes, List<PointError> errors) {

    /** Points in the request, valid or not. */
    public int size() {
        return points.size() + errors.size();
    }

    /**
     * Reads a JSON array of points one element at a time, so a request with too many points is refused without
     * decoding the rest.
     *
     * @throws ApiException 400 code 3 for malformed JSON or a body that is not an array; 413 past {@code maxPoints}
     * @throws IOException  when the body stream fails (including its size cap)
     */
    public static PointBatch read(InputStream body, PointRules rules, String senderIp, int maxPoints)
            throws IOException {
        List<Point> points = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<PointError> errors = new ArrayList<>();
        try (JsonParser p = ApiJson.MAPPER.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw ApiException.badRequest(ApiCode.JSON_DECODE, first == null
                        ? "the body is empty; send a JSON array of points [{\"metric\",\"tags\",\"timestamp\","
                        + "\"value\"}]"
                        : "the body must be a JSON array of points [{\"metric\",\"tags\",\"timestamp\",\"value\"}],"
                        + " not " + describe(first));
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (index >= maxPoints) {
                    throw new ApiException(413, ApiCode.INVALID_PARAMETER, "the request carries more than "
                            + maxPoints + " points (ingest.max_points_per_request); split it into smaller batches; "
                            + "nothing was stored");
                }
                JsonNode node = ApiJson.MAPPER.readTree(p);
                try {
                    points.add(rules.toPoint(node, senderIp));
                    indexes.add(index);
                } catch (InvalidPointException e) {
                    errors.add(new PointError(index, e.getMessage()));
                }
                index++;
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw ApiException.badRequest(ApiCode.JSON_DECODE, "unexpected content (" + describe(trailing) + ")"
                        + " after the array of points at line " + p.currentLocation().getLineNr() + ", column "
                        + p.currentLocation().getColumnNr() + "; nothing was stored");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(ApiCode.JSON_DECODE, ApiJson.describe(e) + "; nothing was stored");
        }
        return new PointBatch(points, indexes, errors);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }
}
