package io.sentrycloud.agent.config;

import java.nio.file.Path;

/**
 * The {@code scripts:} section: the original agent's script collectors.
 *
 * @param dir         folder of scripts, empty for none
 * @param interpreter program running each script, empty to run the file itself
 */
public record ScriptsConfig(String dir, String interpreter) {

    public ScriptsConfig {
        dir = dir == null ? "" : dir.trim();
        interpreter = interpreter == null ? "" : interpreter.trim();
    }

    /** The folder resolved against the agent's folder, or null when scripts are off. */
    public Path dir(Path home) {
        return dir.isEmpty() ? null : home.resolve(dir);
    }
}
