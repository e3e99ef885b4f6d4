package io.sentrycloud.server.http;

/**
 * A request refused with an HTTP status, an envelope code and a sentence for the person who sent it;
 * {@code data} (may be null) travels in the envelope, e.g. per-point ingest errors.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final ApiCode code;
    private final transient Object data;

    public ApiException(int status, ApiCode code, String message, Object data) {
        super(message);
        this.status = status;
        this.code = code;
        this.data = data;
    }

    public ApiException(int status, ApiCode code, String message) {
        this(status, code, message, null);
    }

    /** HTTP 400 with the given code. */
    public static ApiException badRequest(ApiCode code, String message) {
        return new ApiException(400, code, message);
    }

    public int status() {
        return status;
    }

    public ApiCode code() {
        return code;
    }

    public Object data() {
        return data;
    }
}
