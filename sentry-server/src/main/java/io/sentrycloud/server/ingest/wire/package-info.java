/**
 * Byte-level codecs the binary ingest protocols share, written by hand to stay small and strict: the protobuf wire
 * format ({@link io.sentrycloud.server.ingest.wire.ProtoReader}, {@link io.sentrycloud.server.ingest.wire.ProtoWriter})
 * and Snappy's block format ({@link io.sentrycloud.server.ingest.wire.SnappyBlock}).
 */
package io.sentrycloud.server.ingest.wire;
