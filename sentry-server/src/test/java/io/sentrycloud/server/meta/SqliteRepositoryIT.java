package io.sentrycloud.server.meta;

import io.sentrycloud.server.config.MetaConfig;

/** The repository contract on a SQLite file. */
class SqliteRepositoryIT extends RepositoryContract {

    @Override
    MetaConfig newDatabase() {
        return new MetaConfig("sqlite", dataDir.resolve("meta.db").toString(), "", "", "", 8, "");
    }
}
