package io.sentrycloud.alarm.notify;

import java.util.Objects;

/**
 * How to reach the SMTP server (the original's {@code mail} config: smtp_host, smtp_port, from, password; ours
 * adds a user distinct from the sender and the transport security).
 *
 * @param host           SMTP host
 * @param port           SMTP port
 * @param from           sender address
 * @param user           login, empty for no authentication
 * @param password       password
 * @param security       {@code none}, {@code starttls} (upgrade, required) or {@code tls} (implicit TLS, 465)
 * @param timeoutMillis  connect, read and write timeout
 */
public record SmtpSettings(String host, int port, String from, String user, String password, String security,
                           int timeoutMillis) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        security = Objects.requireNonNullElse(security, "none");
        if (!security.equals("none") && !security.equals("starttls") && !security.equals("tls")) {
            throw new IllegalArgumentException("smtp security '" + security + "' is not none, starttls or tls");
        }
    }
}
