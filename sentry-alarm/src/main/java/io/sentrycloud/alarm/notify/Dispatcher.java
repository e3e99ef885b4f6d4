package io.sentrycloud.alarm.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what is due in the {@link Outbox}, one attempt each, and writes the outcome back: sent, retrying later
 * (with the error, visible), or given up after the retry horizon. Single-threaded by design: one dispatcher per
 * process calls {@link #dispatch}.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Outbox outbox;
    private final Map<String, Channel> channels = new HashMap<>();
    private final RetryPolicy retry;
    private final RateLimit rateLimit;

    public Dispatcher(Outbox outbox, List<Channel> channels, RetryPolicy retry, RateLimit rateLimit) {
        this.outbox = outbox;
        for (Channel c : channels) {
            c.names().forEach(n -> this.channels.put(n, c));
        }
        this.retry = retry;
        this.rateLimit = rateLimit;
    }

    /** Whether a channel of that name is configured. */
    public boolean serves(String channel) {
        return channels.containsKey(channel);
    }

    /**
     * Attempts every delivery due at {@code nowMillis}.
     *
     * @return how many were sent
     */
    public int dispatch(long nowMillis) {
        int sent = 0;
        for (Delivery d : outbox.due(nowMillis, 500)) {
            Channel c = channels.get(d.recipient().channel());
            if (c == null) {
                outbox.update(d.failed("no channel '" + d.recipient().channel() + "' is configured",
                        nowMillis + retry.delayAfter(d.attempts() + 1), expired(d, nowMillis)));
                continue;
            }
            long wait = rateLimit.acquire(d.recipient().channel(), nowMillis);
            if (wait > 0) {
                outbox.update(d.postponed(nowMillis + wait));
                continue;
            }
            try {
                c.send(d.recipient(), d.notification());
                outbox.update(d.sent(nowMillis));
                sent++;
            } catch (DeliveryException | RuntimeException e) {
                boolean giveUp = expired(d, nowMillis);
                Delivery failed = d.failed(e.getMessage(), nowMillis + retry.delayAfter(d.attempts() + 1), giveUp);
                outbox.update(failed);
                LOG.warn("delivery {} of rule {} to {} failed (attempt {}{}): {}", d.id(), d.ruleId(), d.recipient(),
                        failed.attempts(), giveUp ? ", giving up" : "", e.getMessage());
            }
        }
        return sent;
    }

    private boolean expired(Delivery d, long nowMillis) {
        return nowMillis - d.createdAt() >= retry.giveUpAfterMillis();
    }
}
