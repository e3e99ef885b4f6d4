/** Graphite's plaintext protocol on a TCP port, with the tagged {@code path;tag=value} form. */
package io.sentrycloud.server.ingest.graphite;
