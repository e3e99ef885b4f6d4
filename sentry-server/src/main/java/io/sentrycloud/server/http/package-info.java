/**
 * The HTTP surface shared by every endpoint: the original sentry's reply envelope
 * ({@code {"code","msg","data"}}) with its error codes, {@link io.sentrycloud.server.http.ApiException} for
 * refusals, and bounded (optionally gzip) request bodies.
 */
package io.sentrycloud.server.http;
