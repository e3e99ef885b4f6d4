package io.sentrycloud.agent.collect.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.Round;
import io.sentrycloud.sdk.MetricPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/** The host collectors on this real machine: two rounds a second apart, names, tags and ranges. */
class HostCollectorsTest {

    static List<MetricPoint> points;
    static Map<String, List<MetricPoint>> byMetric;

    @BeforeAll
    static void collectTwoRounds() throws Exception {
        SystemInfo si = new SystemInfo();
        List<Collector> collectors = List.of(
                new CpuCollector(si.getHardware().getProcessor(), true),
                new LoadCollector(si.getHardware().getProcessor()),
                new MemoryCollector(si.getHardware().getMemory()),
                new FilesystemCollector(si.getOperatingSystem().getFileSystem(), List.of("tmpfs", "overlay")),
                new DiskIoCollector(si.getHardware(), List.of("loop", "ram")),
                new NetworkCollector(si.getHardware()),
                new TcpStatusCollector(si.getOperatingSystem().getInternetProtocolStats()),
                new ProcessCollector(si.getOperatingSystem(), List.of("java")));
        Round first = new Round(1, Map.of("host", "h"));
        for (Collector c : collectors) {
            c.collect(first);
        }
        // make some CPU time pass so the second round has ticks to compare
        long until = System.nanoTime() + 1_000_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }
        assertThat(spin).isPositive();
        Round second = new Round(2, Map.of("host", "h"));
        for (Collector c : collectors) {
            c.collect(second);
        }
        points = new ArrayList<>(second.points());
        byMetric = points.stream().collect(Collectors.groupingBy(MetricPoint::metric, LinkedHashMap::new,
                Collectors.toList()));
    }

    @Test
    void theOriginalMetricNamesAreAllThere() {
        assertThat(byMetric.keySet()).contains("sentry_sys_cpu_usage", "sentry_sys_load_average",
                "sentry_sys_mem_usage", "sentry_sys_disk_usage", "sentry_sys_net_bytes_sent",
                "sentry_sys_net_bytes_recv", "sentry_sys_net_packets_sent", "sentry_sys_net_packets_recv",
                "sentry_sys_tcp_status", "sentry_sys_process_number");
        if (!byMetric.containsKey("sentry_sys_io_dev_read_bytes")) {
            return; // a machine without block devices (some containers) has no I/O metrics
        }
        assertThat(byMetric.keySet()).contains("sentry_sys_io_read", "sentry_sys_io_write", "sentry_sys_io_util");
    }

    @Test
    void percentagesArePercentages() {
        for (String m : List.of("sentry_sys_cpu_usage", "sentry_sys_mem_usage", "sentry_sys_disk_usage",
                "sentry_sys_cpu_percent", "sentry_sys_cpu_core_usage", "sentry_sys_swap_usage")) {
            assertThat(byMetric.get(m)).as(m).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.value()).as(m).isBetween(0.0, 100.0));
        }
        // the CPU modes of one round add up to 100 %
        double sum = byMetric.get("sentry_sys_cpu_percent").stream().mapToDouble(MetricPoint::value).sum();
        assertThat(sum).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(byMetric.get("sentry_sys_cpu_usage").get(0).value()).isPositive();
    }

    @Test
    void perThingMetricsCarryTheirTag() {
        assertThat(byMetric.get("sentry_sys_disk_usage")).allSatisfy(p ->
                assertThat(p.tags()).containsKeys("path", "device", "host"));
        assertThat(byMetric.get("sentry_sys_disk_usage")).extracting(p -> p.tags().get("path")).contains("/");
        assertThat(byMetric.get("sentry_sys_cpu_core_usage")).extracting(p -> p.tags().get("core"))
                .hasSize(new SystemInfo().getHardware().getProcessor().getLogicalProcessorCount());
        Set<String> states = byMetric.get("sentry_sys_tcp_status").stream().map(p -> p.tags().get("status"))
                .collect(Collectors.toSet());
        assertThat(states).containsExactlyInAnyOrderElementsOf(TcpStatusCollector.STATES);
        assertThat(byMetric.get("sentry_sys_net_if_bytes_recv")).allSatisfy(p ->
                assertThat(p.tags().get("interface")).isNotEqualTo("lo"));
    }

    @Test
    void countsAndSizesAreSane() {
        assertThat(byMetric.get("sentry_sys_process_number").get(0).value()).isGreaterThan(1);
        assertThat(byMetric.get("sentry_sys_mem_total").get(0).value()).isGreaterThan(1 << 20);
        assertThat(byMetric.get("sentry_sys_uptime").get(0).value()).isPositive();
        // this test runs in a java process: the per-process metrics see at least this one
        MetricPoint javaCount = byMetric.get("sentry_sys_proc_count").get(0);
        assertThat(javaCount.tags()).containsEntry("process", "java");
        assertThat(javaCount.value()).isGreaterThanOrEqualTo(1);
        assertThat(byMetric.get("sentry_sys_proc_rss").get(0).value()).isGreaterThan(1 << 20);
        assertThat(points).allSatisfy(p -> assertThat(p.tags()).containsEntry("host", "h"));
    }

    @Test
    void tcpTableParsing() {
        Map<String, Integer> counts = new TreeMap<>();
        TcpStatusCollector.countProcTable(List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:C351 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 0100007F:C351 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2 1",
                "   2: 0100007F:C351 0100007F:9C41 01 00000000:00000000 00:00000000 00000000     0        0 3 1",
                "   3: 0100007F:C351 0100007F:9C42 06 00000000:00000000 00:00000000 00000000     0        0 4 1"),
                counts);
        assertThat(counts).containsExactly(Map.entry("ESTABLISHED", 2), Map.entry("LISTEN", 1),
                Map.entry("TIME_WAIT", 1));
    }
}
