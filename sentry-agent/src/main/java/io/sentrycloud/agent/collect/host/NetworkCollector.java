package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import io.sentrycloud.agent.collect.Rates;
import java.util.List;
import java.util.Map;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * Network traffic between two rounds, per second. The original's machine-wide metrics (all interfaces but loopback):
 * {@code sentry_sys_net_bytes_sent}, {@code sentry_sys_net_bytes_recv}, {@code sentry_sys_net_packets_sent},
 * {@code sentry_sys_net_packets_recv}. Per interface, tagged {@code interface}: {@code sentry_sys_net_if_bytes_sent},
 * {@code .._bytes_recv}, {@code .._packets_sent}, {@code .._packets_recv}, {@code .._errors_in},
 * {@code .._errors_out}, {@code .._drops_in}.
 */
public final class NetworkCollector implements Collector {

    private final HardwareAbstractionLayer hal;
    private final Rates rates = new Rates();
    private List<NetworkIF> interfaces;
    private int roundsSinceScan;

    public NetworkCollector(HardwareAbstractionLayer hal) {
        this.hal = hal;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public void collect(PointSink out) {
        if (interfaces == null || ++roundsSinceScan >= 30) {
            interfaces = hal.getNetworkIFs(false);
            roundsSinceScan = 0;
        } else {
            interfaces.forEach(NetworkIF::updateAttributes);
        }
        long now = System.nanoTime();
        double[] totals = new double[4];
        boolean any = false;
        for (NetworkIF nif : interfaces) {
            String name = nif.getName();
            Map<String, String> tags = Map.of("interface", name);
            double[] r = {
                    rates.perSecond(name + "/bs", nif.getBytesSent(), now),
                    rates.perSecond(name + "/br", nif.getBytesRecv(), now),
                    rates.perSecond(name + "/ps", nif.getPacketsSent(), now),
                    rates.perSecond(name + "/pr", nif.getPacketsRecv(), now)};
            double errorsIn = rates.perSecond(name + "/ei", nif.getInErrors(), now);
            double errorsOut = rates.perSecond(name + "/eo", nif.getOutErrors(), now);
            double dropsIn = rates.perSecond(name + "/di", nif.getInDrops(), now);
            if (Double.isNaN(r[0])) {
                continue; // first reading of this interface
            }
            any = true;
            out.add("sentry_sys_net_if_bytes_sent", tags, r[0]);
            out.add("sentry_sys_net_if_bytes_recv", tags, r[1]);
            out.add("sentry_sys_net_if_packets_sent", tags, r[2]);
            out.add("sentry_sys_net_if_packets_recv", tags, r[3]);
            out.add("sentry_sys_net_if_errors_in", tags, errorsIn);
            out.add("sentry_sys_net_if_errors_out", tags, errorsOut);
            out.add("sentry_sys_net_if_drops_in", tags, dropsIn);
            for (int i = 0; i < 4; i++) {
                if (!Double.isNaN(r[i])) {
                    totals[i] += r[i];
                }
            }
        }
        if (any) {
            out.add("sentry_sys_net_bytes_sent", totals[0]);
            out.add("sentry_sys_net_bytes_recv", totals[1]);
            out.add("sentry_sys_net_packets_sent", totals[2]);
            out.add("sentry_sys_net_packets_recv", totals[3]);
        }
    }
}
