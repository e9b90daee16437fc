package io.herald.subscriber;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A list as its subscribers/&lt;id&gt;/list.yaml describes it; {@code feeds} are the feed URLs whose new items go to
 * it, {@code defaultChannels} the channels teased for an article from those feeds that names none.
 */
public record MailingList(String id, String name, String from, String replyTo, String schedule, ZoneId timeZone,
        Mode mode, java.util.List<String> feeds, java.util.List<String> defaultChannels) {

    public MailingList {
        feeds = feeds == null ? java.util.List.of() : java.util.List.copyOf(feeds);
        defaultChannels = defaultChannels == null ? java.util.List.of() : java.util.List.copyOf(defaultChannels);
    }

    public MailingList(String id, String name, String from, String replyTo, String schedule, ZoneId timeZone,
            Mode mode) {
        this(id, name, from, replyTo, schedule, timeZone, mode, null, null);
    }

    /** How articles are grouped into emails. */
    public enum Mode {
        /** One email per article. */
        PER_ARTICLE,
        /** Every new article since the last edition, in one email on the list's schedule. */
        DIGEST;

        static Optional<Mode> parse(String value) {
            return switch (value == null ? "per-article" : value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "per-article", "per_article", "article" -> Optional.of(PER_ARTICLE);
                case "digest" -> Optional.of(DIGEST);
                default -> Optional.empty();
            };
        }
    }
}
