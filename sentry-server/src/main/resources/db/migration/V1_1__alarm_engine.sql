-- what the alarm engine (sentry-alarm) keeps beyond V1's alert tables: the rest of a series' state, the state a
-- history entry came from, and the outbox of notifications (each to one recipient, kept after it was sent)

ALTER TABLE `alert_state` ADD COLUMN `pending_since` BIGINT NOT NULL DEFAULT 0;
ALTER TABLE `alert_state` ADD COLUMN `value_at` BIGINT NOT NULL DEFAULT 0;
ALTER TABLE `alert_state` ADD COLUMN `history_value` DOUBLE NULL;
ALTER TABLE `alert_state` ADD COLUMN `compare_value` DOUBLE NULL;
ALTER TABLE `alert_state` ADD COLUMN `detail` VARCHAR(1024) NOT NULL DEFAULT '';
ALTER TABLE `alert_history` ADD COLUMN `from_state` VARCHAR(16) NOT NULL DEFAULT '';

CREATE TABLE `alarm_delivery` (
    `id`           VARCHAR(64)   NOT NULL PRIMARY KEY,
    `rule_id`      BIGINT        NOT NULL,
    `channel`      VARCHAR(32)   NOT NULL,
    `address`      VARCHAR(1024) NOT NULL,
    `secret`       VARCHAR(256)  NOT NULL DEFAULT '',
    `contact`      VARCHAR(255)  NOT NULL DEFAULT '',
    `notification` ${text}       NOT NULL,
    `status`       VARCHAR(16)   NOT NULL,
    `attempts`     INT           NOT NULL DEFAULT 0,
    `created`      BIGINT        NOT NULL,
    `next_attempt` BIGINT        NOT NULL,
    `sent`         BIGINT        NOT NULL DEFAULT 0,
    `last_error`   VARCHAR(1024) NOT NULL DEFAULT ''
) ${options};
CREATE INDEX `ix_alarm_delivery_due` ON `alarm_delivery` (`status`, `next_attempt`);
CREATE INDEX `ix_alarm_delivery_created` ON `alarm_delivery` (`created`);
