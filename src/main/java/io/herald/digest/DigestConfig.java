package io.herald.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Editions of several stories: how big they may get and what their subject shows. */
@ConfigMapping(prefix = "herald.digest")
public interface DigestConfig {
    /**
     * Size the HTML part of an edition should stay under, in bytes after CSS inlining (Gmail clips a message
     * whose HTML passes 102 KB and hides the rest, unsubscribe link included). A list with digest-style auto
     * shortens stories to stay under it; the preview shows every edition's size against it.
     */
    @WithDefault("92160")
    int htmlBudget();

    /**
     * Longest subject line, in characters: the lead's headline is shortened at a word (with "…") so that the
     * whole subject ("... and 24 more stories") fits, about what a desktop mail client shows.
     */
    @WithDefault("78")
    int subjectMaxLength();
}
