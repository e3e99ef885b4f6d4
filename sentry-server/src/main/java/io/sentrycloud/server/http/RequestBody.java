package io.sentrycloud.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A request body read as a stream and cut off at a size limit, so an oversized body is refused without ever being
 * held in memory; {@code Content-Encoding: gzip} bodies are inflated, with the limit applied to both sides.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * Opens the body of {@code ctx}.
     *
     * @throws ApiException 413 when Content-Length already says it is too large, 415 for an unknown encoding
     */
    public static InputStream open(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes, "the body is " + declared + " bytes");
        }
        InputStream in;
        try {
            in = new Capped(ctx.req().getInputStream(), maxBytes);
        } catch (IOException e) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "cannot read the request body: " + e.getMessage());
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return in;
        }
        if (encoding.trim().toLowerCase(Locale.ROOT).matches("x-gzip|gzip")) {
            try {
                return new Capped(new GZIPInputStream(in, 8192), maxBytes);
            } catch (BodyTooLarge e) {
                throw tooLarge(maxBytes, "the body passed it");
            } catch (IOException e) {
                throw ApiException.badRequest(ApiCode.JSON_DECODE,
                        "the body is marked Content-Encoding: gzip but is not gzip data: " + e.getMessage());
            }
        }
        throw new ApiException(415, ApiCode.INVALID_PARAMETER,
                "Content-Encoding '" + encoding + "' is not supported; send the body plain or gzip-compressed");
    }

    /**
     * Reads the body's bytes as sent, whatever its {@code Content-Encoding} (for protocols whose encoding is part of
     * the format, such as snappy in Prometheus remote write), cut off at {@code maxBytes}.
     *
     * @throws ApiException 413 when too large, 400 when the body cannot be read
     */
    public static byte[] readRaw(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes, "the body is " + declared + " bytes");
        }
        try (InputStream in = new Capped(ctx.req().getInputStream(), maxBytes)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw failure(e, maxBytes);
        }
    }

    /**
     * Reads the body as JSON into {@code type}; an empty body reads as {@code {}}.
     *
     * @throws ApiException 400 code 3 naming the field or the line/column, 413 when too large
     */
    public static <T> T readJson(Context ctx, long maxBytes, Class<T> type) {
        try (InputStream in = open(ctx, maxBytes)) {
            byte[] bytes = in.readAllBytes(); // bounded by maxBytes through Capped
            if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                bytes = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return ApiJson.MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(ApiCode.JSON_DECODE, ApiJson.describe(e));
        } catch (IOException e) {
            throw failure(e, maxBytes);
        }
    }

    /** Maps an I/O error met while reading a body to its refusal (413 for the size limit). */
    public static ApiException failure(IOException e, long maxBytes) {
        if (e instanceof BodyTooLarge) {
            return tooLarge(maxBytes, "the body passed it");
        }
        if (e instanceof ZipException) {
            return ApiException.badRequest(ApiCode.JSON_DECODE, "the gzip body is corrupt: " + e.getMessage());
        }
        return ApiException.badRequest(ApiCode.INVALID_PARAMETER, "cannot read the request body: " + e.getMessage());
    }

    private static ApiException tooLarge(long maxBytes, String detail) {
        return new ApiException(413, ApiCode.INVALID_PARAMETER, "request body is larger than the limit of "
                + maxBytes + " bytes (http.max_body_bytes): " + detail + "; nothing was stored");
    }

    /** Thrown by a capped stream the moment a body passes its limit. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("body larger than " + limit + " bytes");
        }
    }

    /** Counts bytes and fails past the limit instead of reading on. */
    private static final class Capped extends FilterInputStream {
        private final long limit;
        private long count;

        Capped(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            advance(skipped);
            return skipped;
        }

        private void advance(long n) throws BodyTooLarge {
            count += n;
            if (count > limit) {
                throw new BodyTooLarge(limit);
            }
        }
    }
}
