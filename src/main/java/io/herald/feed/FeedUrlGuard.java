package io.herald.feed;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.herald.common.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps feed fetching away from places a newsroom's feed never is, by the rules of {@link PublicAddresses}, unless
 * herald.feeds.allowed-hosts names the host or the address. Checked for the feed URL and again for every redirect.
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
        var refusal = PublicAddresses.refusal(uri, allowed);
        if (refusal.isPresent()) {
            String reason = refusal.get();
            throw new FeedFailure(
                    reason.contains(" resolves to ")
                            ? reason + "; feeds there are refused unless herald.feeds.allowed-hosts names it"
                            : reason.replace(
                                    "only http and https are fetched", "only http and https feeds are fetched"));
        }
    }
}
