-- sentry metadata schema, one script for SQLite and MariaDB/MySQL.
-- The dialect differences live in three Flyway placeholders set by io.sentrycloud.server.meta.store.Dialect:
--   ${id}      an auto-increment 64-bit primary key
--   ${text}    a long text column (JSON documents)
--   ${options} table options (engine and charset on MariaDB)
-- Times are epoch milliseconds (BIGINT); flags are SMALLINT 0/1; JSON is stored as text. Every editable row has
-- a version (optimistic concurrency). Names that are reserved words in MariaDB are quoted with backticks,
-- which SQLite accepts as well. Rows are deleted for real: the audit_log keeps who deleted what.

CREATE TABLE `role` (
    `name`        VARCHAR(32)  NOT NULL PRIMARY KEY,
    `description` VARCHAR(255) NOT NULL
) ${options};

INSERT INTO `role` (`name`, `description`) VALUES ('viewer', 'reads dashboards, charts, alarm rules and contacts');
INSERT INTO `role` (`name`, `description`) VALUES ('editor', 'viewer, and changes dashboards, charts, alarm rules, contacts and silences');
INSERT INTO `role` (`name`, `description`) VALUES ('admin', 'editor, and manages users and API tokens');

CREATE TABLE `app_user` (
    `id`            ${id},
    `created`       BIGINT       NOT NULL,
    `updated`       BIGINT       NOT NULL,
    `version`       INT          NOT NULL DEFAULT 1,
    `username`      VARCHAR(64)  NOT NULL,
    `password_hash` VARCHAR(255) NOT NULL,
    `role`          VARCHAR(32)  NOT NULL,
    `enabled`       SMALLINT     NOT NULL DEFAULT 1,
    CONSTRAINT `fk_user_role` FOREIGN KEY (`role`) REFERENCES `role` (`name`)
) ${options};
CREATE UNIQUE INDEX `ux_user_name` ON `app_user` (`username`);

CREATE TABLE `api_token` (
    `id`         ${id},
    `created`    BIGINT       NOT NULL,
    `name`       VARCHAR(128) NOT NULL,
    `token_hash` CHAR(64)     NOT NULL,
    `prefix`     VARCHAR(16)  NOT NULL,
    `user_id`    BIGINT       NOT NULL,
    `scope`      VARCHAR(16)  NOT NULL,
    `expires`    BIGINT       NULL,
    `last_used`  BIGINT       NULL,
    CONSTRAINT `fk_token_user` FOREIGN KEY (`user_id`) REFERENCES `app_user` (`id`) ON DELETE CASCADE
) ${options};
CREATE UNIQUE INDEX `ux_token_hash` ON `api_token` (`token_hash`);

CREATE TABLE `user_session` (
    `id_hash`    CHAR(64)    NOT NULL PRIMARY KEY,
    `user_id`    BIGINT      NOT NULL,
    `csrf_token` VARCHAR(64) NOT NULL,
    `created`    BIGINT      NOT NULL,
    `expires`    BIGINT      NOT NULL,
    CONSTRAINT `fk_session_user` FOREIGN KEY (`user_id`) REFERENCES `app_user` (`id`) ON DELETE CASCADE
) ${options};
CREATE INDEX `ix_session_expires` ON `user_session` (`expires`);

CREATE TABLE `dashboard` (
    `id`           ${id},
    `created`      BIGINT        NOT NULL,
    `updated`      BIGINT        NOT NULL,
    `version`      INT           NOT NULL DEFAULT 1,
    `name`         VARCHAR(128)  NOT NULL,
    `creator`      VARCHAR(255)  NOT NULL DEFAULT '',
    `app_name`     VARCHAR(255)  NOT NULL DEFAULT '',
    `tag_filter`   VARCHAR(1024) NOT NULL DEFAULT '',
    `saved_status` VARCHAR(1024) NOT NULL DEFAULT ''
) ${options};
CREATE UNIQUE INDEX `ux_dashboard_name` ON `dashboard` (`name`);

-- the original's chart row, plus its place on the dashboard's 12-column grid (the original's chart_layout
-- entries, kept per chart so the layout cannot name a chart that does not exist) and display options
CREATE TABLE `chart` (
    `id`           ${id},
    `created`      BIGINT       NOT NULL,
    `updated`      BIGINT       NOT NULL,
    `version`      INT          NOT NULL DEFAULT 1,
    `dashboard_id` BIGINT       NOT NULL,
    `name`         VARCHAR(128) NOT NULL,
    `type`         VARCHAR(32)  NOT NULL,
    `aggregation`  VARCHAR(32)  NOT NULL,
    `down_sample`  VARCHAR(32)  NOT NULL,
    `topn_limit`   INT          NOT NULL DEFAULT 0,
    `grid_x`       INT          NOT NULL DEFAULT 0,
    `grid_y`       INT          NOT NULL DEFAULT 0,
    `grid_w`       INT          NOT NULL DEFAULT 6,
    `grid_h`       INT          NOT NULL DEFAULT 4,
    `options`      ${text}      NOT NULL,
    CONSTRAINT `fk_chart_dashboard` FOREIGN KEY (`dashboard_id`) REFERENCES `dashboard` (`id`) ON DELETE CASCADE
) ${options};
CREATE INDEX `ix_chart_dashboard` ON `chart` (`dashboard_id`);

CREATE TABLE `line` (
    `id`       ${id},
    `chart_id` BIGINT        NOT NULL,
    `position` INT           NOT NULL,
    `name`     VARCHAR(128)  NOT NULL,
    `metric`   VARCHAR(255)  NOT NULL,
    `tags`     VARCHAR(4096) NOT NULL,
    `offset`   INT           NOT NULL DEFAULT 0,
    CONSTRAINT `fk_line_chart` FOREIGN KEY (`chart_id`) REFERENCES `chart` (`id`) ON DELETE CASCADE
) ${options};
CREATE INDEX `ix_line_chart` ON `line` (`chart_id`);
CREATE INDEX `ix_line_metric` ON `line` (`metric`);

CREATE TABLE `alarm_contact` (
    `id`           ${id},
    `created`      BIGINT        NOT NULL,
    `updated`      BIGINT        NOT NULL,
    `version`      INT           NOT NULL DEFAULT 1,
    `name`         VARCHAR(255)  NOT NULL,
    `phone`        VARCHAR(255)  NOT NULL DEFAULT '',
    `mail`         VARCHAR(255)  NOT NULL DEFAULT '',
    `wechat`       VARCHAR(255)  NOT NULL DEFAULT '',
    `webhook_url`  VARCHAR(1024) NOT NULL DEFAULT '',
    `chat_webhook` VARCHAR(1024) NOT NULL DEFAULT ''
) ${options};
CREATE UNIQUE INDEX `ux_contact_name` ON `alarm_contact` (`name`);

CREATE TABLE `contact_group` (
    `id`          ${id},
    `created`     BIGINT       NOT NULL,
    `updated`     BIGINT       NOT NULL,
    `version`     INT          NOT NULL DEFAULT 1,
    `name`        VARCHAR(255) NOT NULL,
    `description` VARCHAR(1024) NOT NULL DEFAULT ''
) ${options};
CREATE UNIQUE INDEX `ux_contact_group_name` ON `contact_group` (`name`);

CREATE TABLE `contact_group_member` (
    `group_id`   BIGINT NOT NULL,
    `contact_id` BIGINT NOT NULL,
    PRIMARY KEY (`group_id`, `contact_id`),
    CONSTRAINT `fk_member_group` FOREIGN KEY (`group_id`) REFERENCES `contact_group` (`id`) ON DELETE CASCADE,
    CONSTRAINT `fk_member_contact` FOREIGN KEY (`contact_id`) REFERENCES `alarm_contact` (`id`) ON DELETE CASCADE
) ${options};

-- the original's alarm_rule: type 0 heartbeat, 1 threshold, 2 topN, 3 compare; contacts are names (contacts or
-- groups) separated by commas; data_source and trigger are the original's JSON documents, kept as text
CREATE TABLE `alarm_rule` (
    `id`                      ${id},
    `created`                 BIGINT       NOT NULL,
    `updated`                 BIGINT       NOT NULL,
    `version`                 INT          NOT NULL DEFAULT 1,
    `name`                    VARCHAR(128) NOT NULL,
    `type`                    INT          NOT NULL,
    `query_range`             INT          NOT NULL DEFAULT 60,
    `contacts`                VARCHAR(256) NOT NULL DEFAULT '',
    `level`                   INT          NOT NULL DEFAULT 1,
    `message`                 VARCHAR(512) NOT NULL DEFAULT '',
    `data_source`             ${text}      NOT NULL,
    `trigger`                 ${text}      NOT NULL,
    `enabled`                 SMALLINT     NOT NULL DEFAULT 1,
    `for_seconds`             INT          NOT NULL DEFAULT 0,
    `repeat_interval_seconds` INT          NOT NULL DEFAULT 3600,
    `notify_resolved`         SMALLINT     NOT NULL DEFAULT 1,
    `severity`                VARCHAR(16)  NOT NULL DEFAULT 'warning'
) ${options};
CREATE UNIQUE INDEX `ux_alarm_rule_name` ON `alarm_rule` (`name`);
CREATE INDEX `ix_alarm_rule_updated` ON `alarm_rule` (`updated`);

-- a silence mutes the notifications of matching alerts (one rule, or all rules when rule_id is NULL; matchers
-- is a JSON object of tag key -> value that the alert's tags must carry) between starts and ends
CREATE TABLE `silence` (
    `id`         ${id},
    `created`    BIGINT        NOT NULL,
    `updated`    BIGINT        NOT NULL,
    `version`    INT           NOT NULL DEFAULT 1,
    `rule_id`    BIGINT        NULL,
    `matchers`   VARCHAR(4096) NOT NULL,
    `starts`     BIGINT        NOT NULL,
    `ends`       BIGINT        NOT NULL,
    `comment`    VARCHAR(1024) NOT NULL DEFAULT '',
    `created_by` VARCHAR(64)   NOT NULL DEFAULT '',
    CONSTRAINT `fk_silence_rule` FOREIGN KEY (`rule_id`) REFERENCES `alarm_rule` (`id`) ON DELETE CASCADE
) ${options};
CREATE INDEX `ix_silence_ends` ON `silence` (`ends`);

-- the current state of one series of one rule (series = canonical tags JSON, series_hash its SHA-256 in hex
-- so the key fits an index on both back ends), so a restarted or another server instance continues counting
-- and does not notify twice
CREATE TABLE `alert_state` (
    `rule_id`       BIGINT        NOT NULL,
    `series_hash`   CHAR(64)      NOT NULL,
    `series`        VARCHAR(1024) NOT NULL,
    `state`         VARCHAR(16)   NOT NULL,
    `since`         BIGINT        NOT NULL,
    `error_count`   INT           NOT NULL DEFAULT 0,
    `last_value`    DOUBLE        NULL,
    `last_notified` BIGINT        NULL,
    `updated`       BIGINT        NOT NULL,
    PRIMARY KEY (`rule_id`, `series_hash`),
    CONSTRAINT `fk_state_rule` FOREIGN KEY (`rule_id`) REFERENCES `alarm_rule` (`id`) ON DELETE CASCADE
) ${options};

CREATE TABLE `alert_history` (
    `id`        ${id},
    `at`        BIGINT        NOT NULL,
    `rule_id`   BIGINT        NULL,
    `rule_name` VARCHAR(128)  NOT NULL,
    `series`    VARCHAR(1024) NOT NULL,
    `state`     VARCHAR(16)   NOT NULL,
    `value`     DOUBLE        NULL,
    `message`   VARCHAR(2048) NOT NULL DEFAULT '',
    `notified`  VARCHAR(1024) NOT NULL DEFAULT ''
) ${options};
CREATE INDEX `ix_alert_history_at` ON `alert_history` (`at`);
CREATE INDEX `ix_alert_history_rule` ON `alert_history` (`rule_id`, `at`);

CREATE TABLE `metric_white_list` (
    `id`       ${id},
    `created`  BIGINT       NOT NULL,
    `updated`  BIGINT       NOT NULL,
    `version`  INT          NOT NULL DEFAULT 1,
    `metric`   VARCHAR(255) NOT NULL,
    `creator`  VARCHAR(255) NOT NULL DEFAULT '',
    `app_name` VARCHAR(255) NOT NULL DEFAULT ''
) ${options};
CREATE INDEX `ix_white_list_metric` ON `metric_white_list` (`metric`);

-- running server instances (scale-out): each renews its row; a row not renewed past expires is gone
CREATE TABLE `server_instance` (
    `id`        VARCHAR(64)  NOT NULL PRIMARY KEY,
    `address`   VARCHAR(255) NOT NULL,
    `started`   BIGINT       NOT NULL,
    `heartbeat` BIGINT       NOT NULL,
    `expires`   BIGINT       NOT NULL
) ${options};

-- named leases: one holder at a time (e.g. the instance that evaluates alarm rules)
CREATE TABLE `lease` (
    `name`    VARCHAR(64) NOT NULL PRIMARY KEY,
    `holder`  VARCHAR(64) NOT NULL,
    `expires` BIGINT      NOT NULL
) ${options};

CREATE TABLE `audit_log` (
    `id`        ${id},
    `at`        BIGINT       NOT NULL,
    `actor`     VARCHAR(64)  NOT NULL,
    `action`    VARCHAR(16)  NOT NULL,
    `entity`    VARCHAR(32)  NOT NULL,
    `entity_id` VARCHAR(64)  NOT NULL,
    `detail`    VARCHAR(2048) NOT NULL DEFAULT ''
) ${options};
CREATE INDEX `ix_audit_at` ON `audit_log` (`at`);
