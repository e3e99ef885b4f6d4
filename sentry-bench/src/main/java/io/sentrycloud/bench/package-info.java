/**
 * sentry-bench: the command-line entry point for sentry's benchmarks. Figures come from here (and JMH), never
 * from timed unit tests; each command prints the exact parameters it ran with so a run can be repeated.
 */
package io.sentrycloud.bench;
