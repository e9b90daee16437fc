package io.herald.social;

/**
 * What a templates/social/&lt;channel&gt;.txt template sees. Every field is already fitted to the channel by
 * {@link TeaserComposer}: templates only place them.
 */
public record TeaserView(String title, String lead, String url, String cta, String publication) {
}
