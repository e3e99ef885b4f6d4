/**
 * The metadata of sentry: dashboards, charts, alarm rules, contacts, users and tokens, kept in SQLite or
 * MariaDB ({@code store}), served under {@code /api/v1} and the original's {@code /server/api/*} ({@code api}),
 * guarded by logins and roles ({@code access}).
 */
package io.sentrycloud.server.meta;
