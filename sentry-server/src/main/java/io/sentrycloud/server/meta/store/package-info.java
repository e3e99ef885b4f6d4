/**
 * The metadata database: {@link io.sentrycloud.server.meta.store.MetaStore} opens a HikariCP pool on SQLite or
 * MariaDB/MySQL and migrates it with Flyway ({@code db/migration}, one script for both, the differences in
 * {@link io.sentrycloud.server.meta.store.Dialect} placeholders); {@link io.sentrycloud.server.meta.store.Db} runs
 * plain parameterised JDBC, in autocommit or in a transaction.
 */
package io.sentrycloud.server.meta.store;
