package io.sentrycloud.server.config;

/**
 * The {@code alarm:} section: the built-in alarm engine and how it reaches people.
 *
 * @param enabled           whether this server evaluates alarm rules
 * @param publicUrl         the dashboard's address for chart links in messages; empty means
 *                          {@code http://<this host's IP>:<http port>}
 * @param smtpHost          SMTP server for mail; empty means no mail channel
 * @param smtpPort          SMTP port
 * @param smtpFrom          sender address
 * @param smtpUser          SMTP login, empty for none
 * @param smtpPassword      SMTP password
 * @param smtpSecurity      {@code none}, {@code starttls} or {@code tls}
 * @param threads           evaluation threads
 * @param timeZone          time zone of {@code {time}} in messages, empty for the system's
 * @param messagesPerMinute deliveries per minute per channel
 */
public record AlarmConfig(boolean enabled, String publicUrl, String smtpHost, int smtpPort, String smtpFrom,
                          String smtpUser, String smtpPassword, String smtpSecurity, int threads, String timeZone,
                          int messagesPerMinute) {

    public AlarmConfig {
        publicUrl = publicUrl == null ? "" : publicUrl.trim();
        smtpHost = smtpHost == null ? "" : smtpHost.trim();
        smtpFrom = smtpFrom == null ? "" : smtpFrom.trim();
        smtpUser = smtpUser == null ? "" : smtpUser;
        smtpPassword = smtpPassword == null ? "" : smtpPassword;
        Check.between("alarm.smtp_port", smtpPort, 1, 65535);
        if (!"none".equals(smtpSecurity) && !"starttls".equals(smtpSecurity) && !"tls".equals(smtpSecurity)) {
            throw new IllegalArgumentException("alarm.smtp_security must be none, starttls or tls, got '"
                    + smtpSecurity + "'");
        }
        if (!smtpHost.isEmpty()) {
            Check.notBlank("alarm.smtp_from", smtpFrom);
        }
        if (!publicUrl.isEmpty() && !publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
            throw new IllegalArgumentException("alarm.public_url must start with http:// or https://, got '"
                    + publicUrl + "'");
        }
        Check.between("alarm.threads", threads, 1, 64);
        timeZone = timeZone == null ? "" : timeZone.trim();
        if (!timeZone.isEmpty()) {
            try {
                java.time.ZoneId.of(timeZone);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("alarm.time_zone '" + timeZone + "' is not a time zone such as "
                        + "UTC or Asia/Shanghai");
            }
        }
        Check.between("alarm.messages_per_minute", messagesPerMinute, 1, 100_000);
    }
}
