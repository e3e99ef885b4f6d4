/**
 * The original's metric white list ({@code metric_white_list}: metric, creator, app name), kept and served as
 * the original did.
 */
package io.sentrycloud.server.meta.metric;
