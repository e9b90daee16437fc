package io.herald.subscriber;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A list as its subscribers/&lt;id&gt;/list.yaml describes it; {@code feeds} are the feed URLs whose new items go to
 * it, {@code defaultChannels} the channels teased for an article from those feeds that names none,
 * {@code digestStyle} how much of each story an edition of several carries, {@code language} the language of every
 * word Herald adds to its editions and pages (null: herald.languages.default), {@code archive} whether its past
 * editions are on the public archive with their feeds, {@code deliverAt} the local hour each reader's message is
 * released at in the reader's own time zone (null: everyone at once, when the send starts).
 */
public record MailingList(
        String id,
        String name,
        String from,
        String replyTo,
        String schedule,
        ZoneId timeZone,
        Mode mode,
        java.util.List<String> feeds,
        java.util.List<String> defaultChannels,
        DigestStyle digestStyle,
        Tracking tracking,
        boolean opens,
        String language,
        boolean archive,
        java.time.LocalTime deliverAt) {

    public MailingList {
        feeds = feeds == null ? java.util.List.of() : java.util.List.copyOf(feeds);
        defaultChannels = defaultChannels == null ? java.util.List.of() : java.util.List.copyOf(defaultChannels);
        digestStyle = digestStyle == null ? DigestStyle.AUTO : digestStyle;
        tracking = tracking == null ? Tracking.AGGREGATE : tracking;
    }

    public MailingList(
            String id,
            String name,
            String from,
            String replyTo,
            String schedule,
            ZoneId timeZone,
            Mode mode,
            java.util.List<String> feeds,
            java.util.List<String> defaultChannels,
            DigestStyle digestStyle) {
        this(
                id,
                name,
                from,
                replyTo,
                schedule,
                timeZone,
                mode,
                feeds,
                defaultChannels,
                digestStyle,
                null,
                false,
                null,
                true,
                null);
    }

    public MailingList(
            String id,
            String name,
            String from,
            String replyTo,
            String schedule,
            ZoneId timeZone,
            Mode mode,
            java.util.List<String> feeds,
            java.util.List<String> defaultChannels) {
        this(id, name, from, replyTo, schedule, timeZone, mode, feeds, defaultChannels, DigestStyle.AUTO);
    }

    public MailingList(
            String id, String name, String from, String replyTo, String schedule, ZoneId timeZone, Mode mode) {
        this(id, name, from, replyTo, schedule, timeZone, mode, null, null);
    }

    /** Whether the list releases each reader's message at a local hour (list.yaml {@code deliver-at}). */
    public boolean deliversAtLocalTime() {
        return deliverAt != null;
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

    /** How much of each story an edition of several stories carries (list.yaml {@code digest-style}). */
    public enum DigestStyle {
        /** Every story whole, whatever the size. */
        FULL,
        /** Each story as headline, photo, lead, key figure and "Read more". */
        SUMMARY,
        /**
         * Whole stories while the edition fits herald.digest.html-budget, then summaries, then headlines for the
         * last ones if even summaries do not fit.
         */
        AUTO;

        static Optional<DigestStyle> parse(String value) {
            return switch (value == null ? "auto" : value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "full" -> Optional.of(FULL);
                case "summary" -> Optional.of(SUMMARY);
                case "auto" -> Optional.of(AUTO);
                default -> Optional.empty();
            };
        }
    }

    /**
     * What a list counts of its readers' clicks (list.yaml {@code tracking}). Opens are apart ({@code opens}).
     */
    public enum Tracking {
        /** Plain links: nothing is counted. */
        OFF,
        /** Links go through Herald's redirect; clicks are counted per edition and link, with no reader in them. */
        AGGREGATE,
        /**
         * As aggregate, and for readers who consented (signup, preferences) each click is also kept with the
         * reader; everyone else's links are the aggregate ones.
         */
        INDIVIDUAL;

        static Optional<Tracking> parse(String value) {
            return switch (value == null ? "aggregate" : value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "off", "false", "none" -> Optional.of(OFF);
                case "aggregate" -> Optional.of(AGGREGATE);
                case "individual" -> Optional.of(INDIVIDUAL);
                default -> Optional.empty();
            };
        }

        /** As list.yaml writes it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
