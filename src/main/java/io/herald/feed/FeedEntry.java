package io.herald.feed;

import java.time.OffsetDateTime;
import java.util.List;

/** One feed item as the feed gives it, before Herald reads its body. */
public record FeedEntry(
        String guid,
        String link,
        String title,
        String html,
        String author,
        List<String> tags,
        OffsetDateTime publishedAt,
        String imageUrl,
        String imageAlt,
        String language) {}
