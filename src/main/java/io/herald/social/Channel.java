package io.herald.social;

import java.util.Arrays;
import java.util.Optional;

import io.herald.article.CallToActionParser;

/**
 * Every channel Herald writes teasers for, with the limits each platform enforces and where each limit comes from.
 * Ids match the call-to-action parser's ids and the file names under templates/social/.
 */
public enum Channel {
    // https://docs.x.com/resources/fundamentals/counting-characters : 280 weighted, URLs 23 (twitter-text)
    X("x", 280, LengthRule.X_WEIGHTED, 2, Integer.MAX_VALUE, Integer.MAX_VALUE, true, false),
    // https://core.telegram.org/bots/api#sendmessage : text 1-4096 characters after entities parsing
    TELEGRAM("telegram", 4096, LengthRule.UTF16, 2, Integer.MAX_VALUE, Integer.MAX_VALUE, true, false),
    // Facebook Pages post: 63,206 characters
    FACEBOOK("facebook", 63_206, LengthRule.CODE_POINTS, 2, Integer.MAX_VALUE, Integer.MAX_VALUE, true, false),
    // Instagram caption: 2,200 characters, at most 5 hashtags, links in captions are not clickable
    INSTAGRAM("instagram", 2_200, LengthRule.CODE_POINTS, 5, 5, Integer.MAX_VALUE, false, false),
    // TikTok caption: 2,200 UTF-16 units; links in captions are not clickable
    TIKTOK("tiktok", 2_200, LengthRule.UTF16, 5, Integer.MAX_VALUE, Integer.MAX_VALUE, false, false),
    // YouTube Data API: description at most 5,000 bytes (UTF-8) and no angle brackets
    YOUTUBE("youtube", 5_000, LengthRule.UTF8_BYTES, 3, Integer.MAX_VALUE, Integer.MAX_VALUE, true, true),
    // Mastodon default instance limit: 500 characters, every URL counts 23
    MASTODON("mastodon", 500, LengthRule.CODE_POINTS_URL_23, 3, Integer.MAX_VALUE, Integer.MAX_VALUE, true, false),
    // Bluesky app.bsky.feed.post lexicon: text maxGraphemes 300
    BLUESKY("bluesky", 300, LengthRule.GRAPHEMES, 2, Integer.MAX_VALUE, Integer.MAX_VALUE, true, false),
    // LinkedIn Posts API commentary: 3,000 characters
    LINKEDIN("linkedin", 3_000, LengthRule.CODE_POINTS, 3, Integer.MAX_VALUE, Integer.MAX_VALUE, true, false),
    // Threads API: text 500 characters, an emoji counting as its UTF-8 bytes; at most 5 links
    THREADS("threads", 500, LengthRule.THREADS_EMOJI_BYTES, 1, Integer.MAX_VALUE, 5, true, false),
    // WhatsApp Business Cloud API: text.body at most 4,096 characters
    WHATSAPP("whatsapp", 4_096, LengthRule.CODE_POINTS, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, true, false);

    /** Telegram's caption limit when a teaser goes out with the article's photo (sendPhoto). */
    public static final int TELEGRAM_CAPTION_LIMIT = 1024;

    private final String id;
    private final int limit;
    private final LengthRule rule;
    private final int hashtagPolicy;
    private final int maxHashtags;
    private final int maxLinks;
    private final boolean clickableLinks;
    private final boolean forbidsAngleBrackets;

    Channel(
            String id,
            int limit,
            LengthRule rule,
            int hashtagPolicy,
            int maxHashtags,
            int maxLinks,
            boolean clickableLinks,
            boolean forbidsAngleBrackets) {
        this.hashtagPolicy = hashtagPolicy;
        this.id = id;
        this.limit = limit;
        this.rule = rule;
        this.maxHashtags = maxHashtags;
        this.maxLinks = maxLinks;
        this.clickableLinks = clickableLinks;
        this.forbidsAngleBrackets = forbidsAngleBrackets;
    }

    public static Optional<Channel> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return CallToActionParser.displayName(id);
    }

    public int limit() {
        return limit;
    }

    public int count(String text) {
        return rule.count(text);
    }

    /**
     * How many hashtags Herald adds here: what reads well on the platform (X 2, Instagram 5, Threads 1 as its one
     * topic tag), at most what the platform allows.
     */
    public int hashtagPolicy() {
        return hashtagPolicy;
    }

    public boolean clickableLinks() {
        return clickableLinks;
    }

    /** Why this text cannot be posted here, or empty when it can. */
    public Optional<String> problem(String text) {
        int length = count(text);
        if (text.isBlank()) {
            return Optional.of("empty");
        }
        if (length > limit) {
            return Optional.of(length + " exceeds the limit of " + limit);
        }
        // X's rule in full is twitter-text's: within 280 it still refuses U+FFFE, U+FFFF and byte order marks.
        if (this == X && !com.twitter.twittertext.TwitterTextParser.parseTweet(text).isValid) {
            return Optional.of("X refuses it: it contains a character X does not accept (U+FFFE, U+FFFF or U+FEFF)");
        }
        if (forbidsAngleBrackets && (text.indexOf('<') >= 0 || text.indexOf('>') >= 0)) {
            return Optional.of("contains < or >, which " + displayName() + " refuses");
        }
        if (LengthRule.hashtags(text).size() > maxHashtags) {
            return Optional.of("more than " + maxHashtags + " hashtags");
        }
        if (LengthRule.urls(text).size() > maxLinks) {
            return Optional.of("more than " + maxLinks + " links");
        }
        return Optional.empty();
    }

    /** Makes text acceptable where a platform refuses characters outright (YouTube: no angle brackets). */
    public String clean(String text) {
        return forbidsAngleBrackets ? text.replace('<', '‹').replace('>', '›') : text;
    }
}
