/**
 * The dashboard web app: static ES modules and vendored browser libraries served from the classpath
 * ({@code /web}), with the app's own page routes answering its shell page so that shared links open directly.
 */
package io.sentrycloud.server.web;
