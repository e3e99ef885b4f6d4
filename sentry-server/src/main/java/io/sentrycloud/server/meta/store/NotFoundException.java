package io.sentrycloud.server.meta.store;

/** The entity asked for does not exist (or no longer does). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
    }
}
