/**
 * {@code POST /server/api/putMetrics}: the original sentry's JSON array of points, decoded as a stream, each point
 * validated on its own so that good points of a batch are stored and bad ones are reported by index.
 */
package io.sentrycloud.server.ingest;
