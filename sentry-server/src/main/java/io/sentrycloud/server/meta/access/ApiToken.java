package io.sentrycloud.server.meta.access;

/**
 * An API token (its secret is shown once at creation; only its SHA-256 is stored).
 *
 * @param prefix   the first characters of the secret, to recognise it in a list
 * @param scope    {@code api} (acts as its user, with the user's role) or {@code ingest} (putMetrics only)
 * @param expires  epoch ms after which it stops working, null for never
 * @param lastUsed epoch ms of its last use (updated at most once a minute), null for never
 */
public record ApiToken(long id, String name, String prefix, long userId, String scope, long created, Long expires,
                       Long lastUsed) {

    public static final String SCOPE_API = "api";
    public static final String SCOPE_INGEST = "ingest";

    /** A token just created: the record and its secret, which is not stored anywhere. */
    public record Created(ApiToken token, String secret) {
    }
}
