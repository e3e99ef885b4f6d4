/**
 * OpenTSDB's put: JSON over HTTP ({@code POST /api/put}, with {@code ?summary}/{@code ?details} answers) and the
 * telnet-style {@code put} line protocol on a TCP port.
 */
package io.sentrycloud.server.ingest.opentsdb;
