package io.herald.common;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** "10.0.0.0/8", "127.0.0.1", "::1" against an address. */
public final class Cidr {

    private Cidr() {}

    public static boolean matches(String entry, InetAddress address) {
        String[] parts = entry.split("/");
        if (!parts[0].matches("[0-9a-fA-F:.]+") || !(parts[0].contains(".") || parts[0].contains(":"))) {
            return false; // a host name, matched by name elsewhere
        }
        try {
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            byte[] addr = address.getAddress();
            if (net.length != addr.length) {
                return false;
            }
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : net.length * 8;
            for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((net[i] & mask) != (addr[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
