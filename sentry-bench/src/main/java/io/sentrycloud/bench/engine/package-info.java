/**
 * Benchmarks of the embedded engine through its Java API: ingest rate, bytes per point, query latency, heap per
 * series and recovery time, on {@link io.sentrycloud.bench.data.AgentFleet} data.
 */
package io.sentrycloud.bench.engine;
