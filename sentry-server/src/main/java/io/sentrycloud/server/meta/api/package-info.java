/**
 * The metadata HTTP API: {@link io.sentrycloud.server.meta.api.MetaRoutes} registers {@code /api/v1/...}
 * (REST: list with paging, get, create, update with a version, delete, login, users, tokens, export/import) and
 * the original's {@code /server/api/dashboard|chart|chartList|alarmRule|contact|metricWhiteList}, all in the
 * {@code {code,msg,data}} envelope; {@link io.sentrycloud.server.meta.api.Fields} validates request bodies
 * field by field.
 */
package io.sentrycloud.server.meta.api;
