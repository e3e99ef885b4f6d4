package io.sentrycloud.server.meta.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.http.RequestBody;
import io.sentrycloud.server.meta.store.VersionedRows;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** What every metadata endpoint reads from a request: the JSON body, the path id, paging. */
final class Requests {

    static final int DEFAULT_LIMIT = 100;

    private Requests() {
    }

    /** The body as JSON (bounded by {@code maxBytes}); an empty body is refused. */
    static JsonNode body(Context ctx, long maxBytes) {
        try (InputStream in = RequestBody.open(ctx, maxBytes)) {
            byte[] bytes = in.readAllBytes();
            JsonNode node = bytes.length == 0 ? null : ApiJson.MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(400, ApiCode.JSON_DECODE, "the request needs a JSON body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, ApiCode.JSON_DECODE, ApiJson.describe(e));
        } catch (IOException e) {
            throw RequestBody.failure(e, maxBytes);
        }
    }

    /** The {@code {id}} of the path, a positive whole number. */
    static long id(Context ctx) {
        return positive("id", ctx.pathParam("id"));
    }

    static long positive(String field, String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, ApiCode.INVALID_PARAMETER, field + ": '" + text + "' is not a positive whole"
                + " number", Map.of("field", field));
    }

    /** An optional positive id from the query string. */
    static Long queryId(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isEmpty() ? null : positive(name, v);
    }

    /** {@code ?limit=} (1 to 1000, default 100). */
    static int limit(Context ctx) {
        return (int) queryNumber(ctx, "limit", DEFAULT_LIMIT, 1, VersionedRows.MAX_LIMIT);
    }

    /** {@code ?offset=} (0 or more, default 0). */
    static int offset(Context ctx) {
        return (int) queryNumber(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    }

    private static long queryNumber(Context ctx, String name, long ifAbsent, long min, long max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return ifAbsent;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, ApiCode.INVALID_PARAMETER, name + ": must be a whole number between " + min
                + " and " + max + ", got '" + v + "'", Map.of("field", name));
    }

    /** The {@code version} an update must carry: the one it read. */
    static long version(Fields f) {
        if (!f.has("version")) {
            throw Fields.invalid("version", "is required: send the version you read, so a change made by someone"
                    + " else in between is not overwritten");
        }
        return f.number("version", null, 1, Long.MAX_VALUE);
    }
}
