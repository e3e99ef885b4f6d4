/** The original sentry JSON encoding of points, written by hand so the SDK needs no JSON library. */
package io.sentrycloud.sdk.json;
