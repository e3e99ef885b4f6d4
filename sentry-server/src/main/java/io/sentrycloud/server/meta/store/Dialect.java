package io.sentrycloud.server.meta.store;

import java.sql.SQLException;
import java.util.Map;

/** What differs between the two back ends: the migration placeholders and how a unique-key violation reads. */
public enum Dialect {
    SQLITE(Map.of("id", "INTEGER PRIMARY KEY AUTOINCREMENT", "text", "TEXT", "options", "")),
    MARIADB(Map.of("id", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY", "text", "MEDIUMTEXT",
            "options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"));

    private final Map<String, String> placeholders;

    Dialect(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    /** The Flyway placeholders {@code ${id}}, {@code ${text}} and {@code ${options}} of the migration scripts. */
    public Map<String, String> placeholders() {
        return placeholders;
    }

    /** Whether {@code e} (or a cause) says a UNIQUE or PRIMARY KEY constraint refused the row. */
    public boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                // MariaDB/MySQL: error 1062 (ER_DUP_ENTRY); SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) / _PRIMARYKEY (1555)
                if (s.getErrorCode() == 1062 || s.getErrorCode() == 2067 || s.getErrorCode() == 1555) {
                    return true;
                }
                String msg = String.valueOf(s.getMessage());
                if (msg.contains("UNIQUE constraint failed") || msg.contains("Duplicate entry")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code e} (or a cause) says a FOREIGN KEY constraint refused the row. */
    public boolean isForeignKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                // MariaDB: 1452 (no parent row), 1451 (row is referenced); SQLite: SQLITE_CONSTRAINT_FOREIGNKEY (787)
                if (s.getErrorCode() == 1452 || s.getErrorCode() == 1451 || s.getErrorCode() == 787
                        || String.valueOf(s.getMessage()).contains("FOREIGN KEY constraint failed")) {
                    return true;
                }
            }
        }
        return false;
    }
}
