package io.herald.social.publish;

import java.time.Instant;

/**
 * One teaser on its way to one platform: the outbox row's id and idempotency key (the same on every attempt), the
 * text as the editor left it, and what a platform may show besides the text (link card, photo, the article's card).
 */
public record Post(
        long id,
        long articleId,
        String channel,
        String text,
        String title,
        String url,
        String imageUrl,
        String imageAlt,
        Media media,
        String idempotencyKey,
        Instant createdAt) {

    /** Whether the post carries the article's card. */
    public boolean hasMedia() {
        return media != null;
    }

    public boolean hasImage() {
        return imageUrl != null && !imageUrl.isBlank();
    }
}
