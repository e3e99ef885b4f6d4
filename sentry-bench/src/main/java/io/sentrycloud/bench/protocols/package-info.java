/** JMH benchmarks of the ingest protocols' parsers ({@code scripts/bench-protocols}). */
package io.sentrycloud.bench.protocols;
