/**
 * Scraping Prometheus text endpoints, so any exporter's metrics can be pushed to sentry through the agent.
 */
package io.sentrycloud.agent.collect.scrape;
