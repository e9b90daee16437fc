package io.herald.article;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises an article's call-to-action footer and reads the channels it names.
 * <p>
 * A closing paragraph is a call-to-action when it invites the reader to get stories, sign up, subscribe or follow.
 * Channels are read from the enumerations that follow "our", "on", "via", "at" or "to" ("subscribe to our Twitter,
 * Facebook and Tiktok"): each capitalised item is a channel; items Herald does not know are kept as unknown.
 * Russian, Kazakh and Turkish footers ("Подписывайтесь на наш Telegram-канал и YouTube", "Жаңалықтарды Telegram
 * арнамыздан оқыңыз", "Bizi Twitter, Instagram ve YouTube'dan takip edin") name the channels among words with
 * endings: there every channel name Herald knows counts, in the order written.
 */
public final class CallToActionParser {

    private static final Pattern INVITATION = Pattern.compile(
            "(?iu)\\b(get\\b.{0,80}\\b(stories|news|updates|articles)|sign\\s*up|subscribe|follow|join us)\\b");
    /** The same invitation in Russian, Kazakh and Turkish ("Подписывайтесь", "жазылыңыз", "takip edin"). */
    private static final Pattern INVITATION_OTHER = Pattern.compile("(?iU)(?<!\\w)(подпис\\w*|следите|читайте"
            + "|присоединяйтесь|получайте|жазылыңыз|жазылыңдар|жазылу\\w*|оқыңыз|оқыңыздар|бақылаңыз|қосылыңыз"
            + "|abone\\s+ol\\w*|takip\\s+ed\\w*|takipte\\s+kal\\w*|katılın|okuyun|izleyin)(?!\\w)");

    private static final Pattern SIGNUP = Pattern.compile(
            "(?iu)\\b(sign\\s*up|signup|register|subscribe)\\b.{0,40}\\b(website|site|newsletter|web)\\b"
                    + "|\\b(website|site|newsletter)\\b.{0,40}\\b(sign\\s*up|signup|register|subscribe)\\b");
    /** A website signup in Russian, Kazakh or Turkish: a subscribing word near a word for the site. */
    private static final Pattern SIGNUP_OTHER = Pattern.compile("(?iU)(?<!\\w)(подпис\\w*|зарегистр\\w*|рассылк\\w*"
            + "|жазыл\\w*|тіркел\\w*|abone\\w*|kayıt\\w*|bülten\\w*).{0,60}(сайт\\w*|site\\w*|web\\s?site\\w*)"
            + "|(сайт\\w*|site\\w*|web\\s?site\\w*).{0,60}(подпис\\w*|зарегистр\\w*|рассылк\\w*|жазыл\\w*|тіркел\\w*"
            + "|abone\\w*|kayıt\\w*|bülten\\w*)");

    private static final Pattern TRIGGER = Pattern.compile("(?u)\\b(?:our|on|via|at|to)\\s+");
    private static final Pattern ITEM = Pattern.compile("(?u)\\p{Lu}[\\p{L}\\p{N}+.]*(?:[ ]\\p{Lu}[\\p{L}\\p{N}+.]*)*");
    private static final Pattern SEPARATOR = Pattern.compile("(?u)\\s*,\\s*(?:and\\s+|or\\s+)?|\\s+(?:and|or|&)\\s+");

    /** Names as readers write them, lower-cased, to Herald's channel ids. */
    private static final Map<String, String> CHANNEL_NAMES = Map.ofEntries(
            Map.entry("twitter", "x"),
            Map.entry("x", "x"),
            Map.entry("x (twitter)", "x"),
            Map.entry("facebook", "facebook"),
            Map.entry("instagram", "instagram"),
            Map.entry("telegram", "telegram"),
            Map.entry("youtube", "youtube"),
            Map.entry("tiktok", "tiktok"),
            Map.entry("tik tok", "tiktok"),
            Map.entry("linkedin", "linkedin"),
            Map.entry("threads", "threads"),
            Map.entry("whatsapp", "whatsapp"),
            Map.entry("mastodon", "mastodon"),
            Map.entry("bluesky", "bluesky"),
            Map.entry("bsky", "bluesky"),
            // As Russian and Kazakh readers write them.
            Map.entry("телеграм", "telegram"),
            Map.entry("телеграмм", "telegram"),
            Map.entry("ютуб", "youtube"),
            Map.entry("фейсбук", "facebook"),
            Map.entry("инстаграм", "instagram"),
            Map.entry("тикток", "tiktok"),
            Map.entry("тик-ток", "tiktok"),
            Map.entry("твиттер", "x"),
            Map.entry("ватсап", "whatsapp"),
            Map.entry("вотсап", "whatsapp"));

    /**
     * Every name above as it may stand in running text of any language: a Latin name followed by a hyphen or an
     * apostrophe and an ending ("Telegram-канал", "YouTube'dan", "Instagram’da"), a Cyrillic one with up to three
     * letters of case ending ("в Телеграме", "на Ютубе").
     */
    private static final Pattern NAMED = Pattern.compile("(?iU)(?<![\\w.])("
            + String.join(
                    "|",
                    CHANNEL_NAMES.keySet().stream()
                            .filter(n -> n.length() > 1)
                            .sorted(java.util.Comparator.comparingInt(String::length)
                                    .reversed())
                            .map(Pattern::quote)
                            .toList())
            + ")(\\p{IsCyrillic}{0,3})(?!\\w)");

    /** Each channel id's name as the platform writes it, for readers (footers) and editors. */
    private static final Map<String, String> DISPLAY_NAMES = Map.ofEntries(
            Map.entry("x", "X"),
            Map.entry("telegram", "Telegram"),
            Map.entry("facebook", "Facebook"),
            Map.entry("instagram", "Instagram"),
            Map.entry("tiktok", "TikTok"),
            Map.entry("youtube", "YouTube"),
            Map.entry("mastodon", "Mastodon"),
            Map.entry("bluesky", "Bluesky"),
            Map.entry("linkedin", "LinkedIn"),
            Map.entry("threads", "Threads"),
            Map.entry("whatsapp", "WhatsApp"));

    /** The platform's own name for a channel id ("x" gives "X"); an id Herald does not know is returned as is. */
    public static String displayName(String channelId) {
        return DISPLAY_NAMES.getOrDefault(channelId, channelId);
    }

    /** The channel id for a name as written ("Twitter" gives "x"), if Herald knows it. */
    public static Optional<String> channelId(String name) {
        return Optional.ofNullable(CHANNEL_NAMES.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * Whether this paragraph reads as a call-to-action footer: an invitation that names a channel or a website
     * signup, so that a closing sentence such as "talks will follow" stays in the body.
     */
    public boolean isCallToAction(String paragraph) {
        if (paragraph.length() > 600
                || !(INVITATION.matcher(paragraph).find()
                        || INVITATION_OTHER.matcher(paragraph).find())) {
            return false;
        }
        CallToAction cta = parse(paragraph);
        return !cta.channels().isEmpty() || cta.websiteSignup();
    }

    public CallToAction parse(String paragraph) {
        Set<String> channels = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        Matcher trigger = TRIGGER.matcher(paragraph);
        while (trigger.find()) {
            List<String> items = enumerationAt(paragraph, trigger.end());
            boolean namesAChannel = items.stream().anyMatch(i -> channelId(i).isPresent());
            for (String item : items) {
                Optional<String> id = channelId(item);
                if (id.isPresent()) {
                    channels.add(id.get());
                } else if (namesAChannel) {
                    unknown.add(item);
                }
            }
        }
        if (channels.isEmpty() && INVITATION_OTHER.matcher(paragraph).find()) {
            // Russian, Kazakh and Turkish enumerate with "и", "және", "ve" and put endings on names: every known
            // name in the paragraph counts, in order.
            Matcher named = NAMED.matcher(paragraph);
            while (named.find()) {
                boolean cyrillic = named.group(1)
                        .chars()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
                if (cyrillic || named.group(2).isEmpty()) {
                    channelId(named.group(1)).ifPresent(channels::add);
                }
            }
        }
        return new CallToAction(
                paragraph,
                new ArrayList<>(channels),
                new ArrayList<>(unknown),
                SIGNUP.matcher(paragraph).find()
                        || SIGNUP_OTHER.matcher(paragraph).find());
    }

    private static List<String> enumerationAt(String text, int start) {
        List<String> items = new ArrayList<>();
        int pos = start;
        while (pos < text.length()) {
            Matcher item = ITEM.matcher(text).region(pos, text.length());
            if (!item.lookingAt()) {
                break;
            }
            // "Mastodon." at the end of a sentence is Mastodon.
            items.add(item.group().replaceAll("\\.+$", ""));
            Matcher sep = SEPARATOR.matcher(text).region(item.end(), text.length());
            if (!sep.lookingAt()) {
                break;
            }
            pos = sep.end();
        }
        return items;
    }
}
