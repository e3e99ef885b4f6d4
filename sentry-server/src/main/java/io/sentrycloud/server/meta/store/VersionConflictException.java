package io.sentrycloud.server.meta.store;

/** An update named a version that is no longer current: someone else changed the entity in between. */
public class VersionConflictException extends RuntimeException {

    private final long current;

    public VersionConflictException(String entity, Object id, long given, long current) {
        super(entity + " " + id + " was changed by someone else: you sent version " + given + ", the current is "
                + current + "; reload it and apply your change again");
        this.current = current;
    }

    /** The version the entity has now. */
    public long current() {
        return current;
    }
}
