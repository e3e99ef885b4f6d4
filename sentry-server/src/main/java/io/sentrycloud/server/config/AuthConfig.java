package io.sentrycloud.server.config;

/**
 * The {@code auth:} section: who may change the metadata and, optionally, who may ingest.
 *
 * @param enabled              whether metadata writes need a logged-in user or an API token with the right role
 * @param anonymousRead        whether dashboards, charts and rules can be read without logging in
 * @param ingestTokenRequired  whether putMetrics needs an API token of scope {@code ingest} (the original: open)
 * @param adminPassword        the password of the {@code admin} user created on first start; empty means a random
 *                             one, printed once in the log
 * @param sessionHours         how long a login session lasts
 * @param loginAttemptsPerMinute failed logins allowed per client address and per user name in a minute
 */
public record AuthConfig(boolean enabled, boolean anonymousRead, boolean ingestTokenRequired, String adminPassword,
                         int sessionHours, int loginAttemptsPerMinute) {

    public AuthConfig {
        Check.between("auth.session_hours", sessionHours, 1, 24 * 365);
        Check.between("auth.login_attempts_per_minute", loginAttemptsPerMinute, 1, 10_000);
        if (adminPassword != null && !adminPassword.isEmpty() && adminPassword.length() < 8) {
            throw new IllegalArgumentException("auth.admin_password must have at least 8 characters (or be empty "
                    + "for a random one)");
        }
    }
}
