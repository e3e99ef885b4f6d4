/**
 * The embedded storage engine: {@link io.sentrycloud.tsdb.embedded.EmbeddedStore}, a
 * {@link io.sentrycloud.tsdb.TimeSeriesStore} that keeps everything in one data directory of this process.
 *
 * <p>Writes go to a checksummed write-ahead log (group commit, configurable fsync) and to per-series in-memory
 * storage; a series registry with an inverted tag index (RoaringBitmap postings) resolves filters and listings.
 */
package io.sentrycloud.tsdb.embedded;
