/**
 * Notifications and their delivery: a {@link io.sentrycloud.alarm.notify.Notification} groups one rule's alerts
 * of one evaluation; each recipient gets a {@link io.sentrycloud.alarm.notify.Delivery} in the
 * {@link io.sentrycloud.alarm.notify.Outbox}, which the {@link io.sentrycloud.alarm.notify.Dispatcher} sends
 * through a {@link io.sentrycloud.alarm.notify.Channel} (SMTP mail, a generic signed webhook, or a chat app's
 * robot: Slack, Feishu/Lark, DingTalk, WeCom), retrying with backoff until it is through. Failed attempts stay in
 * the outbox, visible.
 */
package io.sentrycloud.alarm.notify;
