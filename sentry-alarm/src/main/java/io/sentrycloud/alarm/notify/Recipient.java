package io.sentrycloud.alarm.notify;

import java.util.Objects;

/**
 * Where one delivery goes.
 *
 * @param channel  the channel name: {@code mail}, {@code webhook}, {@code slack}, {@code feishu},
 *                 {@code dingtalk} or {@code wecom}
 * @param address  a mail address or a webhook URL
 * @param secret   the signing secret of a webhook, empty when it is not signed
 * @param contact  the contact it came from
 */
public record Recipient(String channel, String address, String secret, String contact) {

    public Recipient {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        secret = Objects.requireNonNullElse(secret, "");
        contact = Objects.requireNonNullElse(contact, "");
    }

    @Override
    public String toString() { // never the secret
        return channel + ":" + address;
    }
}
