/**
 * The original sentry's query API ({@code /server/api/metrics, tagKeys, tagValues, curves, range, topn}):
 * POST JSON in, the {@code {"code","msg","data"}} envelope out, times in epoch seconds on the wire.
 *
 * <p>Tag expressions in requests: an exact value; {@code a||b} (any of); a key written {@code !=key} (the value,
 * or each of its {@code ||} alternatives, must not match — a series lacking the tag passes); {@code *} (any value;
 * in range queries one line per value — an extension, the original refused it); {@code prefix*} (values starting
 * with prefix, likewise one line per value); {@code ~regex} (anchored regular expression).
 */
package io.sentrycloud.server.query;
