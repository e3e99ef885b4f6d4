/**
 * JMH benchmarks of the chunk codecs ({@code sentry-bench codec}): encode and decode throughput and the bytes per
 * point they reach on agent-like series.
 */
package io.sentrycloud.bench.codec;
