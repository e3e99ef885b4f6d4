package io.sentrycloud.server.ingest;

/**
 * Why one point of a batch was refused.
 *
 * @param index the point's position in the request array, from 0
 * @param error a sentence naming the problem
 */
public record PointError(int index, String error) {
}
