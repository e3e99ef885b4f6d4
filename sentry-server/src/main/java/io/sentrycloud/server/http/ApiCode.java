package io.sentrycloud.server.http;

/**
 * The original sentry's reply codes ({@code pkg/protocol/http.go}); clients such as the original dashboard
 * branch on them, so the numbers are part of the wire format.
 */
public enum ApiCode {
    OK(0),
    API_NOT_FOUND(1),
    METHOD_NOT_ALLOWED(2),
    JSON_DECODE(3),
    INVALID_PARAMETER(4),
    /** The original's "TSDB SQL execution error": the store failed. */
    STORE_ERROR(6),
    /** A request's {@code *} tags do not fit the endpoint (e.g. tagValues needs exactly one). */
    STAR_KEYS(8),
    RANGE_TOO_LARGE(9),
    AGGREGATOR(10),
    DOWN_SAMPLE(11),
    METRIC(12),
    TOO_MANY_TAGS(13),
    ORDER(14),
    /** The original's "MySQL execution error": the metadata database failed. */
    META_DB_ERROR(15),
    // codes past the original's, for the metadata API and access control
    /** No (valid) login session or API token. */
    UNAUTHORIZED(16),
    /** Logged in, but the role may not do this (or the CSRF token is missing). */
    FORBIDDEN(17),
    /** No entity with that id. */
    NOT_FOUND(18),
    /** A stale version, a taken name, or another clash with stored data. */
    CONFLICT(19),
    /** Too many failed logins; wait and try again. */
    TOO_MANY_REQUESTS(20);

    private final int code;

    ApiCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
