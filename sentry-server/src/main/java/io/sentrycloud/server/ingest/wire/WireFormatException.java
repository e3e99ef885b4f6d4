package io.sentrycloud.server.ingest.wire;

/** Bytes that do not decode: the message says what and where, for a 400 answer. */
public class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message, null, false, false); // expected on bad input: no stack trace needed
    }
}
