/**
 * sentry_server's configuration: {@link io.sentrycloud.server.config.ServerConfig} (one record per YAML section)
 * and {@link io.sentrycloud.server.config.ConfigLoader}, which layers the built-in defaults, the YAML file,
 * {@code SENTRY_<SECTION>_<KEY>} environment variables and {@code --section.key=value} flags.
 */
package io.sentrycloud.server.config;
