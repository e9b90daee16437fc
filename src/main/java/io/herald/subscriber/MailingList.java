package io.herald.subscriber;

import java.time.ZoneId;
import java.util.Optional;

/** A list as its subscribers/&lt;id&gt;/list.yaml describes it. */
public record MailingList(String id, String name, String from, String replyTo, String schedule, ZoneId timeZone,
        Mode mode) {

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
