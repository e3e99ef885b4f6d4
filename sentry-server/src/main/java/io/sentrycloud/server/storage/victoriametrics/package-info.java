/**
 * A {@link io.sentrycloud.tsdb.TimeSeriesStore} on VictoriaMetrics (single node or cluster), for when one box with
 * the embedded engine is outgrown (see {@code docs/scaling.md}).
 *
 * <p>Writes go through VictoriaMetrics' JSON-lines import API, batched across concurrent writers, gzip'ed, retried
 * with backoff, behind a bounded buffer; a write returns once VictoriaMetrics acknowledged it. Queries export the
 * raw points of the matching series and reduce them with {@link io.sentrycloud.tsdb.BucketAggregates}, the code
 * the embedded engine uses, so both stores answer alike; listings use the label and series APIs.
 */
package io.sentrycloud.server.storage.victoriametrics;
