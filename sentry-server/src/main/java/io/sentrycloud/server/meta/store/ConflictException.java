package io.sentrycloud.server.meta.store;

/** The change contradicts data already stored (a name taken, the last admin removed). */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field whose value conflicts, or empty. */
    public String field() {
        return field;
    }
}
