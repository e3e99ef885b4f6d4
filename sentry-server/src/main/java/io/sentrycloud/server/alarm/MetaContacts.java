package io.sentrycloud.server.alarm;

import io.sentrycloud.alarm.notify.Contact;
import io.sentrycloud.alarm.notify.ContactDirectory;
import io.sentrycloud.alarm.notify.Recipient;
import io.sentrycloud.server.meta.store.Db;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Contacts from {@code alarm_contact}, and contact groups ({@code contact_group} + members) under the group's
 * name, merged into one contact. A contact's {@code webhook_url} is a generic webhook and its
 * {@code chat_webhook} a chat app's robot, recognised by host (DingTalk, WeCom, Feishu/Lark, Slack) or named by a
 * prefix ({@code dingtalk:https://...}); either URL may end in {@code #secret} to give the signing secret (a URL
 * fragment is never sent).
 */
final class MetaContacts implements ContactDirectory {

    private static final String COLUMNS = "c.`name`, c.`mail`, c.`phone`, c.`wechat`, c.`webhook_url`, c.`chat_webhook`";
    private final Db db;

    MetaContacts(Db db) {
        this.db = db;
    }

    @Override
    public Optional<Contact> contact(String name) {
        List<Contact> direct = db.list("SELECT " + COLUMNS + " FROM `alarm_contact` c WHERE c.`name` = ?",
                MetaContacts::contact, name);
        if (!direct.isEmpty()) {
            return Optional.of(direct.get(0));
        }
        List<Contact> members = db.list("SELECT " + COLUMNS + " FROM `alarm_contact` c"
                + " JOIN `contact_group_member` m ON m.`contact_id` = c.`id`"
                + " JOIN `contact_group` g ON g.`id` = m.`group_id` WHERE g.`name` = ? ORDER BY c.`name`",
                MetaContacts::contact, name);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<Recipient> all = new ArrayList<>();
        members.forEach(c -> all.addAll(c.recipients()));
        return Optional.of(new Contact(name, "", "", "", all));
    }

    private static Contact contact(java.sql.ResultSet r) throws java.sql.SQLException {
        String name = r.getString(1);
        List<Recipient> hooks = new ArrayList<>();
        String webhook = r.getString(5);
        if (webhook != null && !webhook.isBlank()) {
            hooks.add(recipient("webhook", webhook.trim(), name));
        }
        String chat = r.getString(6);
        if (chat != null && !chat.isBlank()) {
            hooks.add(chat(chat.trim(), name));
        }
        return new Contact(name, r.getString(2), r.getString(3), r.getString(4), hooks);
    }

    /** A chat robot URL, its app named by a prefix or recognised by host. */
    static Recipient chat(String value, String contact) {
        for (String kind : List.of("dingtalk", "wecom", "feishu", "slack", "webhook")) {
            if (value.startsWith(kind + ":")) {
                return recipient(kind, value.substring(kind.length() + 1), contact);
            }
        }
        String host;
        try {
            host = Optional.ofNullable(URI.create(value).getHost()).orElse("").toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            host = "";
        }
        String kind = host.endsWith("dingtalk.com") ? "dingtalk"
                : host.endsWith("qyapi.weixin.qq.com") ? "wecom"
                : host.endsWith("feishu.cn") || host.endsWith("larksuite.com") ? "feishu"
                : host.endsWith("slack.com") ? "slack" : "webhook";
        return recipient(kind, value, contact);
    }

    private static Recipient recipient(String kind, String url, String contact) {
        int hash = url.indexOf('#');
        return hash < 0 ? new Recipient(kind, url, "", contact)
                : new Recipient(kind, url.substring(0, hash), url.substring(hash + 1), contact);
    }
}
