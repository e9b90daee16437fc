package io.herald.social.publish;

/**
 * The image a post carries: the article's card as JPEG (every platform takes JPEG; Instagram and TikTok take
 * nothing else), its public address for platforms that fetch images themselves (Instagram, Threads, TikTok), and
 * its description for people who cannot see it, already within the platform's alt-text limit.
 */
public record Media(byte[] bytes, String type, String publicUrl, String alt, int width, int height) {

    public String fileName() {
        return "card.jpg";
    }
}
