/**
 * Getting batches to the server: {@link io.sentrycloud.sdk.delivery.Batch} is one gzip'ed JSON request body,
 * {@link io.sentrycloud.sdk.delivery.Spool} holds batches the server has not taken yet (in memory or on disk, bounded,
 * oldest dropped first), and {@link io.sentrycloud.sdk.delivery.HttpTransport} posts a batch to the first server
 * that takes it.
 */
package io.sentrycloud.sdk.delivery;
