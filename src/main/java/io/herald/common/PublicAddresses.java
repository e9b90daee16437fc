package io.herald.common;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps Herald's own fetching (feeds, article photos for cards) away from places a newsroom's content never is
 * (SSRF): only http and https, and after DNS resolution no loopback, private (RFC 1918, IPv6 unique-local),
 * carrier-grade NAT, link-local (which holds the cloud metadata service at 169.254.169.254), multicast or unspecified
 * address, unless the caller's allowed list names the host, the address or its CIDR block.
 * <p>
 * Left open: a DNS answer that changes between this check and the connection (rebinding). Closing it needs a
 * resolver pinned into the HTTP client, which the JDK client does not offer; run Herald where its network policy
 * also refuses those ranges.
 */
public final class PublicAddresses {

    private PublicAddresses() {}

    /** Why {@code uri} may not be fetched, or empty when it may; {@code allowed} entries are lower-case. */
    public static Optional<String> refusal(URI uri, List<String> allowed) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(
                    "only http and https are fetched, not " + (scheme.isEmpty() ? "a relative URL" : scheme + ":"));
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("the URL has no host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return Optional.of("host " + bare + " not found");
        }
        for (InetAddress address : addresses) {
            if (allowed.stream().anyMatch(entry -> Cidr.matches(entry, address))) {
                continue;
            }
            String kind = forbidden(address);
            if (kind != null) {
                return Optional.of(bare + " resolves to " + address.getHostAddress() + ", a " + kind + " address");
            }
        }
        return Optional.empty();
    }

    /** What kind of address is refused, or null when it is a public one. */
    public static String forbidden(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local (cloud metadata)";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0
                    || (first == 100 && second >= 64 && second <= 127)
                    || first >= 240
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 0)) {
                return "reserved";
            }
        } else if ((b[0] & 0xFE) == 0xFC) {
            return "private (unique-local)";
        }
        return null;
    }
}
