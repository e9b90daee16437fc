package io.herald.social.card;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Image cards made from each article (templates/cards/). */
@ConfigMapping(prefix = "herald.cards")
public interface CardsConfig {
    /** Whether Herald makes cards and posts them with the teasers; off, posts are text and link as before. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether a node draws an article's cards in the background as soon as the article arrives (waiting while it
     * sends email); off, each card is drawn when first asked for.
     */
    @WithDefault("true")
    boolean paintAhead();

    /**
     * Hosts or CIDR blocks an article photo may come from although they are private or loopback addresses (the
     * rules of feed fetching); by default the same as herald.feeds.allowed-hosts.
     */
    Optional<List<String>> photoAllowedHosts();

    /** The largest article photo Herald fetches for a card; a larger one leaves the card without it. */
    @WithDefault("8000000")
    int photoMaxBytes();

    /** Connect and answer timeout of a photo fetch. */
    @WithDefault("10s")
    Duration photoTimeout();

    /** JPEG quality (0-1) of the cards platforms receive; PNG is lossless. */
    @WithDefault("0.88")
    float jpegQuality();
}
