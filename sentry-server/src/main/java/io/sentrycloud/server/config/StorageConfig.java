package io.sentrycloud.server.config;

import io.sentrycloud.tsdb.embedded.FsyncPolicy;
import java.nio.file.Path;

/**
 * The {@code storage:} section.
 *
 * @param type      store implementation; only {@code embedded} so far
 * @param dataDir   directory of the embedded store
 * @param keepDays  retention in days
 * @param fsync     {@code batch} or an interval such as {@code 100ms} (see {@link FsyncPolicy#parse})
 * @param maxSeries most distinct series the store accepts
 */
public record StorageConfig(String type, Path dataDir, int keepDays, String fsync, long maxSeries) {

    public StorageConfig {
        if (!"embedded".equals(type)) {
            throw new IllegalArgumentException("storage.type must be 'embedded' (the only store so far), got '"
                    + type + "'");
        }
        if (dataDir == null || dataDir.toString().isBlank()) {
            throw new IllegalArgumentException("storage.data_dir must not be empty");
        }
        Check.between("storage.keep_days", keepDays, 1, 36500);
        Check.between("storage.max_series", maxSeries, 1, Integer.MAX_VALUE);
        try {
            FsyncPolicy.parse(fsync);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage.fsync must be 'batch' or an interval such as '100ms' or "
                    + "'1s', got '" + fsync + "'");
        }
    }

    /** The store's fsync policy this section asks for. */
    public FsyncPolicy fsyncPolicy() {
        return FsyncPolicy.parse(fsync);
    }
}
