/** Wires every other tool's ingest protocol (HTTP routes and TCP listeners) into a running server. */
package io.sentrycloud.server.ingest.protocols;
