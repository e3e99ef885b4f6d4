/**
 * Where provisioned metadata comes from: the built-in dashboards of the original ("sentry_server monitor" and
 * "machine monitor", a resource in the export format) and the YAML/JSON files of {@code meta.provisioning_dir}.
 */
package io.sentrycloud.server.meta.provision;
