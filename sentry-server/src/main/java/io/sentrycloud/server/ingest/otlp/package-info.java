/** OTLP/HTTP metrics ({@code POST /v1/metrics}), protobuf and JSON, mapped onto sentry's points. */
package io.sentrycloud.server.ingest.otlp;
