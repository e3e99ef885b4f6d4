/**
 * Collectors of services running next to the agent: Redis ({@code INFO}) and MySQL/MariaDB
 * ({@code SHOW GLOBAL STATUS}, replication lag). Each reports {@code sentry_<service>_up} every round, so a dead
 * service shows as 0 rather than as silence.
 */
package io.sentrycloud.agent.collect.service;
