package io.sentrycloud.agent.collect;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * The {@code host} and {@code ip} tags of this machine.
 *
 * @param host the host name
 * @param ip   the address the machine is known by
 */
public record HostIdentity(String host, String ip) {

    /**
     * Resolves what the configuration leaves empty: the host name from the OS, the ip as the local address used to
     * reach {@code server} (no packet is sent: a UDP socket is only connected), or the first non-loopback IPv4
     * address when the server is on this machine.
     */
    public static HostIdentity resolve(String host, String ip, URI server) {
        return new HostIdentity(host.isEmpty() ? hostName() : host, ip.isEmpty() ? localIp(server) : ip);
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isEmpty()) {
                return name;
            }
        } catch (UnknownHostException e) {
            // fall through to the environment
        }
        return env != null && !env.isEmpty() ? env : "localhost";
    }

    static String localIp(URI server) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(server.getHost()), 9));
            InetAddress local = s.getLocalAddress();
            if (local != null && !local.isLoopbackAddress() && !local.isAnyLocalAddress()) {
                return local.getHostAddress();
            }
        } catch (IOException | RuntimeException e) {
            // no route or unresolvable: fall back to the interfaces
        }
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (IOException e) {
            // nothing better than loopback
        }
        return "127.0.0.1";
    }
}
