/** Prometheus remote write 1.0 ({@code POST /api/v1/write}): snappy-compressed protobuf samples. */
package io.sentrycloud.server.ingest.remotewrite;
