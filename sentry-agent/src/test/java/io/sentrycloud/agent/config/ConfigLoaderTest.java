package io.sentrycloud.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void builtInDefaultsAreTheDocumentedFile() {
        AgentConfig c = AgentConfig.defaults();
        assertThat(c.serverUrls()).containsExactly("http://127.0.0.1:51001");
        assertThat(c.intervalSeconds()).isEqualTo(10);
        assertThat(c.tags()).isEmpty();
        assertThat(c.delivery().gzip()).isTrue();
        assertThat(c.delivery().spoolDir()).isEqualTo("spool");
        assertThat(c.spoolDir(Path.of("/opt/sentry_agent"))).isEqualTo(Path.of("/opt/sentry_agent/spool"));
        assertThat(c.hostMetrics().excludedFsTypes()).contains("tmpfs", "overlay");
    }

    @Test
    void fileThenEnvironmentThenFlags() throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "server_url: http://a:1, http://b:2\ninterval_seconds: 5\ntags: {dc: eu}\n"
                + "delivery:\n  batch_size: 100\n  spool_dir: ''\n");
        AgentConfig c = ConfigLoader.load(List.of("--config", file.toString(), "--interval_seconds=3",
                        "--tags.role", "db", "--delivery.gzip=false"),
                Map.of("SENTRY_AGENT_DELIVERY_BATCH_SIZE", "200", "SENTRY_AGENT_INTERVAL_SECONDS", "4",
                        "SENTRY_AGENT_TAGS_RACK", "r7"), null);
        assertThat(c.serverUrls()).containsExactly("http://a:1", "http://b:2");
        assertThat(c.intervalSeconds()).isEqualTo(3);
        assertThat(c.delivery().batchSize()).isEqualTo(200);
        assertThat(c.delivery().gzip()).isFalse();
        assertThat(c.tags()).containsExactly(Map.entry("dc", "eu"), Map.entry("rack", "r7"), Map.entry("role", "db"));
        assertThat(c.spoolDir(dir)).isNull();
    }

    @Test
    void theConventionalFileIsReadWhenPresent() throws Exception {
        Path file = dir.resolve("sentry_agent.yaml");
        Files.writeString(file, "interval_seconds: 7\n");
        assertThat(ConfigLoader.load(List.of(), Map.of(), file).intervalSeconds()).isEqualTo(7);
        assertThat(ConfigLoader.load(List.of(), Map.of(), dir.resolve("missing.yaml")).intervalSeconds())
                .isEqualTo(10);
    }

    @Test
    void unknownKeysAreErrorsNamingTheKey() throws Exception {
        Path file = dir.resolve("a.yaml");
        Files.writeString(file, "delivery:\n  batch_sise: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of(), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'delivery.batch_sise'").hasMessageContaining("batch_size");
        Files.writeString(file, "server: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of(), null))
                .hasMessageContaining("unknown key 'server'").hasMessageContaining("server_url");
        assertThatThrownBy(() -> AgentConfig.defaults("--server_ur=http://x:1"))
                .hasMessageContaining("unknown flag --server_ur").hasMessageContaining("server_url");
        assertThatThrownBy(() -> AgentConfig.defaults("--delivery=1"))
                .hasMessageContaining("unknown flag --delivery");
    }

    @Test
    void badValuesNameTheKeyAndTheirSource() throws Exception {
        assertThatThrownBy(() -> AgentConfig.defaults("--interval_seconds=0"))
                .hasMessageContaining("interval_seconds must be between 1 and 86400, got 0")
                .hasMessageContaining("flag --interval_seconds");
        assertThatThrownBy(() -> AgentConfig.defaults("--interval_seconds=ten"))
                .hasMessageContaining("interval_seconds: expected a whole number, got 'ten'");
        assertThatThrownBy(() -> AgentConfig.defaults("--server_url=ftp://x"))
                .hasMessageContaining("server_url 'ftp://x' must look like http://host:51001");
        assertThatThrownBy(() -> AgentConfig.defaults("--tags.9x=a"))
                .hasMessageContaining("tags.9x must match");
        assertThatThrownBy(() -> AgentConfig.defaults("--delivery.gzip=maybe"))
                .hasMessageContaining("delivery.gzip: expected true or false");
        Path file = dir.resolve("b.yaml");
        Files.writeString(file, "delivery: 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of(), null))
                .hasMessageContaining("'delivery' in " + file + " must hold keys");
        Files.writeString(file, "tags: [a, b]\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of(), null))
                .hasMessageContaining("'tags' in " + file + " must be a map");
        Files.writeString(file, "interval_seconds: [1]\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of(), null))
                .hasMessageContaining("key 'interval_seconds' in " + file + " must be a single value");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", dir.resolve("nope.yaml").toString()),
                Map.of(), null)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("positional"), Map.of(), null))
                .hasMessageContaining("unexpected argument 'positional'");
    }

    @Test
    void anEmptyFileMeansDefaults() throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "");
        assertThat(ConfigLoader.load(List.of("--config", file.toString()), Map.of(), null))
                .isEqualTo(AgentConfig.defaults());
    }
}
