/**
 * The TCP line server shared by the line protocols: bounded lines, idle timeouts, a connection limit and a clean
 * shutdown that writes what each connection already sent.
 */
package io.sentrycloud.server.ingest.tcp;
