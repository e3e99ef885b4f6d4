package io.sentrycloud.server.selfmon;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** This host's address as the original's {@code getLocalIP}: the first non-loopback IPv4, else 127.0.0.1. */
public final class HostAddress {

    private HostAddress() {
    }

    public static String ip() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: fall back like the original
        }
        return "127.0.0.1";
    }
}
