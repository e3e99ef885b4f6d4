/**
 * Synthetic, seedable workloads that look like what sentry_agent sends: many hosts, tens of metrics each, a point
 * every 10 seconds, gauges that wander and counters that climb. Benchmarks feed the same data to every system.
 */
package io.sentrycloud.bench.data;
