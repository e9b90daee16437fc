package io.herald.feed;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps feed fetching away from places a newsroom's feed never is (SSRF): only http and https, and after DNS
 * resolution no loopback, private (RFC 1918, IPv6 unique-local), carrier-grade NAT, link-local (which holds the
 * cloud metadata service at 169.254.169.254), multicast or unspecified address, unless herald.feeds.allowed-hosts
 * names the host or the address. Checked for the feed URL and again for every redirect.
 * <p>
 * Left open: a DNS answer that changes between this check and the connection (rebinding). Closing it needs a
 * resolver pinned into the HTTP client, which the JDK client does not offer; run Herald where its network policy
 * also refuses those ranges.
 */
@ApplicationScoped
public class FeedUrlGuard {

    private final List<String> allowed;

    FeedUrlGuard(FeedsConfig feedsConfig) {
        this.allowed = feedsConfig.allowedHosts().orElse(List.of()).stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .toList();
    }

    public void check(URI uri) throws FeedFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FeedFailure("only http and https feeds are fetched, not "
                    + (scheme.isEmpty() ? "a relative URL" : scheme + ":"));
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new FeedFailure("the URL has no host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new FeedFailure("host " + bare + " not found");
        }
        for (InetAddress address : addresses) {
            if (isAllowed(address)) {
                continue;
            }
            String kind = forbidden(address);
            if (kind != null) {
                throw new FeedFailure(bare + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address; feeds there are refused unless herald.feeds.allowed-hosts names it");
            }
        }
    }

    private boolean isAllowed(InetAddress address) {
        for (String entry : allowed) {
            if (Cidr.matches(entry, address)) {
                return true;
            }
        }
        return false;
    }

    /** What kind of address is refused, or null when it is a public one. */
    static String forbidden(InetAddress a) {
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
