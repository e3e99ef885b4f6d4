-- one-time facts about this database, e.g. that the built-in dashboards were provisioned (so deleting them
-- is not undone by the next start)
CREATE TABLE `setting` (
    `name`    VARCHAR(64)   NOT NULL PRIMARY KEY,
    `value`   VARCHAR(1024) NOT NULL,
    `updated` BIGINT        NOT NULL
) ${options};
