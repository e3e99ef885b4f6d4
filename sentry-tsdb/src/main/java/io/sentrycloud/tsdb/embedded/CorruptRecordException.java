package io.sentrycloud.tsdb.embedded;

/** Bytes on disk that do not decode as the record they claim to be. */
final class CorruptRecordException extends RuntimeException {

    CorruptRecordException(String message) {
        super(message);
    }
}
