package io.herald.feed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Feed polling (RSS/Atom). */
@ConfigMapping(prefix = "herald.feeds")
public interface FeedsConfig {
    /** How often each feed is fetched (with If-None-Match / If-Modified-Since). */
    @WithDefault("5m")
    Duration pollInterval();

    /** A failing feed waits poll-interval x 2^failures, at most this long. */
    @WithDefault("6h")
    Duration maxBackoff();

    /** How often the feed job looks for feeds whose next poll is due (each feed is fetched every poll-interval). */
    @WithDefault("30s")
    Duration checkInterval();

    /** TCP connect timeout of feed requests. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Whole-response timeout: a server that stalls longer is a failed poll. */
    @WithDefault("20s")
    Duration readTimeout();

    /** Largest feed body read; a larger one is a failed poll (the rest is not downloaded). */
    @WithDefault("5242880")
    int maxBytes();

    /** Redirects followed per fetch; each target is checked against the address rules again. */
    @WithDefault("5")
    int maxRedirects();

    /**
     * Hosts or addresses (IPs or CIDR ranges) a feed may be on although they are loopback, private, link-local or
     * cloud-metadata addresses, which are refused by default (SSRF). Tests allow 127.0.0.1.
     */
    Optional<List<String>> allowedHosts();
}
