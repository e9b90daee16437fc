package io.herald.social.card;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The card sizes Herald makes for every article: a 4:5 portrait for Instagram, Threads and TikTok photo posts, a
 * 16:9 landscape for X, Bluesky, Mastodon, Telegram, Facebook, LinkedIn and the web page's og:image, and a 9:16
 * story. Each has its layout in templates/cards/{name}.svg.
 */
public enum CardFormat {
    PORTRAIT(1080, 1350),
    LANDSCAPE(1200, 675),
    STORY(1080, 1920);

    private final int width;
    private final int height;

    CardFormat(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The name in URLs and template files: portrait, landscape, story. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String template() {
        return "cards/" + id() + ".svg";
    }

    public static Optional<CardFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
    }

    /** The card a channel posts: portrait where the platform shows tall images best, landscape elsewhere. */
    public static CardFormat forChannel(String channel) {
        return switch (channel) {
            case "instagram", "threads", "tiktok" -> PORTRAIT;
            default -> LANDSCAPE;
        };
    }
}
