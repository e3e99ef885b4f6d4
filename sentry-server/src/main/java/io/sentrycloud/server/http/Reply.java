package io.sentrycloud.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;

/**
 * The original sentry's reply envelope {@code {"code": int, "msg": str, "data": ...}}, written with a proper HTTP
 * status alongside (the original always answered 200).
 */
public record Reply(int code, String msg, Object data) {

    /** Request attribute set once an envelope is written, so error-status handlers leave it alone. */
    public static final String SENT = "sentry.reply.sent";

    /** Writes a successful envelope: HTTP 200, code 0, msg "ok". */
    public static void ok(Context ctx, Object data) {
        send(ctx, 200, ApiCode.OK, "ok", data);
    }

    /** Writes an envelope for a refused request. */
    public static void error(Context ctx, ApiException e) {
        send(ctx, e.status(), e.code(), e.getMessage(), e.data());
    }

    public static void send(Context ctx, int status, ApiCode code, String msg, Object data) {
        byte[] body;
        try {
            body = ApiJson.MAPPER.writeValueAsBytes(new Reply(code.code(), msg, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode reply", e);
        }
        ctx.attribute(SENT, Boolean.TRUE);
        ctx.status(status)
                .contentType("application/json; charset=utf-8")
                .header("Access-Control-Allow-Origin", "*") // as the original: dashboards on other origins
                .result(body);
    }
}
