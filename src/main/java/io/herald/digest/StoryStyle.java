package io.herald.digest;

/** How much of one story an edition carries. */
public enum StoryStyle {
    /** Every paragraph, photo and caption. */
    FULL,
    /** Headline, photo, lead, key figure and "Read more". */
    SUMMARY,
    /** The headline as a link, in the "More stories" list at the end. */
    HEADLINE
}
