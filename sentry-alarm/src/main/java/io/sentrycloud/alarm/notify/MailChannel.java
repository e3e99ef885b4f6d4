package io.sentrycloud.alarm.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.Set;

/** Mail through SMTP (Jakarta Mail / Angus Mail), one plain-text UTF-8 message per recipient. */
public final class MailChannel implements Channel {

    private final SmtpSettings settings;
    private final Session session;

    public MailChannel(SmtpSettings settings) {
        this.settings = settings;
        String proto = settings.security().equals("tls") ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", settings.host());
        p.put("mail." + proto + ".port", String.valueOf(settings.port()));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(settings.timeoutMillis()));
        p.put("mail." + proto + ".timeout", String.valueOf(settings.timeoutMillis()));
        p.put("mail." + proto + ".writetimeout", String.valueOf(settings.timeoutMillis()));
        p.put("mail." + proto + ".auth", String.valueOf(!settings.user().isEmpty()));
        if (settings.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = settings.user().isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.user(), settings.password());
            }
        };
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public Set<String> names() {
        return Set.of("mail");
    }

    @Override
    public void send(Recipient recipient, Notification n) throws DeliveryException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(settings.from(), "sentry", StandardCharsets.UTF_8.name()));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient.address()));
            m.setSubject(n.title(), StandardCharsets.UTF_8.name());
            m.setSentDate(new Date(n.at() * 1000));
            m.setText(n.text(), StandardCharsets.UTF_8.name());
            Transport.send(m);
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new DeliveryException("mail to " + recipient.address() + " via " + settings.host() + ":"
                    + settings.port() + " failed: " + e.getMessage(), e);
        }
    }
}
