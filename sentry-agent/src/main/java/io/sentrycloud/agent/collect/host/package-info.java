/**
 * Host metrics through OSHI (and Linux's {@code /proc} where OSHI reads more than needed or not enough): the
 * original agent's {@code sentry_sys_*} metrics with their names and tags, and richer ones in the same style.
 */
package io.sentrycloud.agent.collect.host;
