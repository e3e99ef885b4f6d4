package io.sentrycloud.server.meta.store;

/** A row would repeat a value that must be unique, such as a name. */
public class DuplicateException extends ConflictException {

    public DuplicateException(String field, String message) {
        super(field, message);
    }
}
