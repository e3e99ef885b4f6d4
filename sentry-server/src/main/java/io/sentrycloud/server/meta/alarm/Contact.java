package io.sentrycloud.server.meta.alarm;

/**
 * Someone alarms reach: the original's {@code alarm_contact} (phone, mail, wechat) plus a generic webhook URL
 * and a chat-app (Slack, DingTalk, Feishu, WeCom ...) incoming-webhook URL. Empty strings mean "not set".
 */
public record Contact(long id, String name, String phone, String mail, String wechat, String webhookUrl,
                      String chatWebhook, long version, long created, long updated) {
}
