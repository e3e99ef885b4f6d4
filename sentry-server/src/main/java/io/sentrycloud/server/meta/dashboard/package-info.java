/**
 * Dashboards and their charts: {@link io.sentrycloud.server.meta.dashboard.Dashboard},
 * {@link io.sentrycloud.server.meta.dashboard.Chart} (the original's chart row, its lines, its place on the
 * dashboard's grid) and their repositories.
 */
package io.sentrycloud.server.meta.dashboard;
