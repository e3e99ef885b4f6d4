package io.sentrycloud.alarm.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@code alarm_contact} row (the original's name, phone, mail, wechat) plus its webhooks.
 *
 * @param name     the name rules list in {@code contacts}
 * @param mail     mail address, empty for none
 * @param phone    phone number (the original only logged phone messages; so do we)
 * @param wechat   a WeCom (WeChat Work) group robot webhook URL, empty for none
 * @param webhooks further webhooks (generic, Slack, Feishu, DingTalk, WeCom)
 */
public record Contact(String name, String mail, String phone, String wechat, List<Recipient> webhooks) {

    public Contact {
        Objects.requireNonNull(name, "name");
        mail = Objects.requireNonNullElse(mail, "").trim();
        phone = Objects.requireNonNullElse(phone, "").trim();
        wechat = Objects.requireNonNullElse(wechat, "").trim();
        webhooks = List.copyOf(webhooks);
    }

    /** Every place this contact is told at: its mail, its WeCom robot when wechat is a URL, its webhooks. */
    public List<Recipient> recipients() {
        List<Recipient> out = new ArrayList<>();
        if (!mail.isEmpty()) {
            for (String m : mail.split("[,; ]+")) {
                if (!m.isEmpty()) {
                    out.add(new Recipient("mail", m, "", name));
                }
            }
        }
        if (isHttpUrl(wechat)) {
            out.add(new Recipient("wecom", wechat, "", name));
        }
        for (Recipient w : webhooks) {
            out.add(new Recipient(w.channel(), w.address(), w.secret(), name));
        }
        return out;
    }

    private static boolean isHttpUrl(String s) {
        try {
            String scheme = URI.create(s).getScheme();
            return "http".equals(scheme) || "https".equals(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
