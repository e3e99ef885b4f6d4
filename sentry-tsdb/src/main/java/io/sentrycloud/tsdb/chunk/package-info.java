/**
 * The compressed chunk format of the embedded engine: Gorilla compression (Pelkonen et al., VLDB 2015) —
 * delta-of-delta timestamps and XOR'ed float64 values in a bit stream — with a decimal variant for values that
 * are integers or have few decimals.
 *
 * <p>{@link io.sentrycloud.tsdb.chunk.ChunkEncoder} appends points of strictly increasing time;
 * {@link io.sentrycloud.tsdb.chunk.Chunk} is the immutable result; {@link io.sentrycloud.tsdb.chunk.ChunkIterator}
 * reads it back bit-exactly (every NaN payload, -0.0 and the infinities survive).
 */
package io.sentrycloud.tsdb.chunk;
