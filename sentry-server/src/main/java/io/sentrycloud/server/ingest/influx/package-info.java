/**
 * InfluxDB line protocol over HTTP ({@code POST /write}, {@code POST /api/v2/write}): each field of a line becomes
 * a point of metric {@code measurement.field}.
 */
package io.sentrycloud.server.ingest.influx;
