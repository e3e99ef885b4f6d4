/**
 * The embedded storage engine: {@link io.sentrycloud.tsdb.embedded.EmbeddedStore}, a
 * {@link io.sentrycloud.tsdb.TimeSeriesStore} that keeps everything in one data directory of this process.
 *
 * <p>Writes go to a checksummed write-ahead log (group commit, configurable fsync) and to the head: per series,
 * compressed chunks ({@link io.sentrycloud.tsdb.chunk}) in memory. The head is cut into immutable 2-hour blocks on
 * disk (memory-mapped, a checksum per chunk, 5-minute and 1-hour rollups), compacted per day and dropped whole by
 * retention; the log is truncated behind them. A series registry with an inverted tag index (RoaringBitmap
 * postings) resolves filters and listings for head and blocks alike.
 */
package io.sentrycloud.tsdb.embedded;
