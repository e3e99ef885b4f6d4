package io.sentrycloud.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
    void builtInDefaultsAreTheDocumentedOnes() {
        ServerConfig c = ServerConfig.defaults();
        assertThat(c.http().host()).isEqualTo("0.0.0.0");
        assertThat(c.http().port()).isEqualTo(51001);
        assertThat(c.http().maxBodyBytes()).isEqualTo(16L << 20);
        assertThat(c.storage().type()).isEqualTo("embedded");
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.storage().keepDays()).isEqualTo(60);
        assertThat(c.ingest().maxMetricLength()).isEqualTo(192);
        assertThat(c.ingest().maxTagLength()).isEqualTo(64);
        assertThat(c.selfMonitor().enabled()).isTrue();
        assertThat(c.selfMonitor().intervalSeconds()).isEqualTo(10);
    }

    @Test
    void fileThenEnvironmentThenFlagsOverride() throws IOException {
        Path file = write("""
                http:
                  port: 6000
                  host: 127.0.0.1
                storage:
                  keep_days: 7
                self_monitor:
                  interval_seconds: 5
                """);
        ServerConfig c = ConfigLoader.load(
                List.of("--config", file.toString(), "--http.port=0", "--storage.data_dir", "/tmp/x"),
                Map.of("SENTRY_HTTP_PORT", "7000", "SENTRY_SELF_MONITOR_INTERVAL_SECONDS", "3",
                        "SENTRY_STORAGE_FSYNC", "100ms"));
        assertThat(c.http().port()).isZero();
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.storage().keepDays()).isEqualTo(7);
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.storage().fsyncPolicy().intervalMillis()).isEqualTo(100);
        assertThat(c.selfMonitor().intervalSeconds()).isEqualTo(3);
    }

    @Test
    void unknownKeyInFileNamesKeyAndFile() throws IOException {
        Path file = write("http:\n  prot: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config=" + file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'http.prot'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("port");
    }

    @Test
    void unknownSectionAndUnknownFlagAreErrors() throws IOException {
        Path file = write("htp:\n  port: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), Map.of()))
                .hasMessageContaining("unknown section 'htp'");
        assertThatThrownBy(() -> ServerConfig.defaults("--http.prot=1"))
                .hasMessageContaining("unknown flag --http.prot");
    }

    @Test
    void badValueNamesKeyExpectationAndSource() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of("SENTRY_HTTP_PORT", "abc"), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("whole number")
                .hasMessageContaining("SENTRY_HTTP_PORT");
        assertThatThrownBy(() -> ServerConfig.defaults("--http.port=70000"))
                .hasMessageContaining("http.port must be between 0 and 65535, got 70000")
                .hasMessageContaining("flag --http.port");
        assertThatThrownBy(() -> ServerConfig.defaults("--storage.fsync=sometimes"))
                .hasMessageContaining("storage.fsync must be 'batch' or an interval");
        assertThatThrownBy(() -> ServerConfig.defaults("--self_monitor.enabled=maybe"))
                .hasMessageContaining("self_monitor.enabled")
                .hasMessageContaining("true or false");
    }

    @Test
    void victoriaMetricsStorageNeedsUrls() {
        ServerConfig c = ServerConfig.defaults("--storage.type=victoriametrics",
                "--storage.vm_write_url=http://127.0.0.1:8480/insert/0/prometheus",
                "--storage.vm_read_url=http://127.0.0.1:8481/select/0/prometheus/",
                "--storage.vm_auth_header=Authorization: Bearer t0k");
        assertThat(c.storage().isVictoriaMetrics()).isTrue();
        assertThat(c.storage().vmBatchPoints()).isLessThanOrEqualTo(c.storage().vmBufferPoints());
        assertThatThrownBy(() -> ServerConfig.defaults("--storage.type=victoriametrics"))
                .hasMessageContaining("storage.vm_write_url must not be empty");
        assertThatThrownBy(() -> ServerConfig.defaults("--storage.type=victoriametrics",
                "--storage.vm_write_url=127.0.0.1:8428", "--storage.vm_read_url=http://127.0.0.1:8428"))
                .hasMessageContaining("storage.vm_write_url must be an http:// or https:// URL");
        assertThatThrownBy(() -> ServerConfig.defaults("--storage.vm_auth_header=token"))
                .hasMessageContaining("storage.vm_auth_header must look like");
        assertThatThrownBy(() -> ServerConfig.defaults("--storage.vm_buffer_points=10"))
                .hasMessageContaining("storage.vm_buffer_points must be between 20000");
        assertThatThrownBy(() -> ServerConfig.defaults("--storage.type=tdengine"))
                .hasMessageContaining("storage.type must be 'embedded' or 'victoriametrics'");
    }

    @Test
    void missingExplicitFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", dir.resolve("nope.yaml").toString()),
                Map.of())).hasMessageContaining("does not exist");
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        Path file = write("");
        assertThat(ConfigLoader.load(List.of("--config", file.toString()), Map.of()))
                .isEqualTo(ServerConfig.defaults());
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("sentry_server.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
