package io.herald.social;

/**
 * What a templates/social/&lt;channel&gt;.txt template sees. Every field is already fitted to the channel by
 * {@link TeaserComposer}, and a field is empty when it did not fit or the article has none: templates only place.
 *
 * @param title the headline
 * @param lead the lead sentence(s) without the dateline, shortened with "…" when needed
 * @param figure the key figure sentence(s) ("Last year, bilateral trade reached $6 billion. ...")
 * @param quote a short quote with its speaker: “...” – Kurtulmuş
 * @param hashtags "#Kazakhstan #Türkiye", as many as the channel's policy allows
 * @param url the article link with utm_source=&lt;channel&gt;&amp;utm_medium=social
 * @param cta the call-to-action adapted to the channel ("Subscribe: https://...")
 * @param publication the publication's name
 */
public record TeaserView(
        String title,
        String lead,
        String figure,
        String quote,
        String hashtags,
        String url,
        String cta,
        String publication) {}
