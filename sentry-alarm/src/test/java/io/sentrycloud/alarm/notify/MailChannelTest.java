package io.sentrycloud.alarm.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mail to a real SMTP server in-process (GreenMail) on a random port. */
class MailChannelTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withPerMethodLifecycle(true);

    private static Notification notification() {
        return new Notification(7, "memory threshold alarm", "critical", 1_700_000_000, List.of(
                new Notification.Alert("firing", "sentry_sys_mem_usage", Map.of("ip", "10.0.0.3"), 95.5,
                        1_700_000_000, "2023-11-14 22:13:20 内存 memory usage reach 95.5", "http://sentry/#/explore"),
                new Notification.Alert("resolved", "sentry_sys_mem_usage", Map.of("ip", "10.0.0.4"), 3,
                        1_700_000_000, "2023-11-14 22:13:20 memory usage reach 3", "")));
    }

    @Test
    void sendsSubjectRecipientAndBodyWithAuthentication() throws Exception {
        mail.setUser("sentry@example.org", "alarm-user", "s3cret");
        int port = mail.getSmtp().getPort();
        var channel = new MailChannel(new SmtpSettings("127.0.0.1", port, "sentry@example.org", "alarm-user",
                "s3cret", "none", 5000));
        channel.send(new Recipient("mail", "eric@example.org", "", "eric"), notification());

        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("[sentry] CRITICAL · memory threshold alarm · FIRING 1, RESOLVED 1");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("eric@example.org");
        assertThat(m.getFrom()[0].toString()).contains("sentry@example.org");
        String body = GreenMailUtil.getBody(m);
        assertThat(m.getContent().toString())
                .contains("[firing] 2023-11-14 22:13:20 内存 memory usage reach 95.5")
                .contains("chart: http://sentry/#/explore")
                .contains("[resolved] 2023-11-14 22:13:20 memory usage reach 3");
        assertThat(body).isNotEmpty();
    }

    @Test
    void wrongPasswordIsADeliveryFailure() {
        mail.setUser("sentry@example.org", "alarm-user", "s3cret");
        var channel = new MailChannel(new SmtpSettings("127.0.0.1", mail.getSmtp().getPort(), "sentry@example.org",
                "alarm-user", "wrong", "none", 5000));
        assertThatThrownBy(() -> channel.send(new Recipient("mail", "eric@example.org", "", "eric"), notification()))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("mail to eric@example.org");
    }

    @Test
    void unreachableServerIsADeliveryFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var channel = new MailChannel(new SmtpSettings("127.0.0.1", closed, "sentry@example.org", "", "", "none",
                2000));
        assertThatThrownBy(() -> channel.send(new Recipient("mail", "eric@example.org", "", "eric"), notification()))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("127.0.0.1:" + closed);
    }
}
