package io.herald.digest;

import java.util.ArrayList;
import java.util.List;

import io.herald.article.Article;
import io.herald.article.ArticleLinks;
import io.herald.article.ArticlesConfig;
import io.herald.article.CallToAction;
import io.herald.article.CallToActionParser;
import io.herald.article.KeyFigures;
import io.herald.article.Sentences;
import io.herald.config.HeraldConfig;
import io.herald.language.Languages;
import io.herald.language.Words;
import io.herald.subscriber.MailingList;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The data an edition's templates read (DigestView): each story with its link tagged for the edition, its style and
 * key figure, and the footer with the channels the lead's call-to-action names and the signup link.
 */
@ApplicationScoped
class DigestViews {

    private final HeraldConfig config;
    private final ArticlesConfig articlesConfig;
    private final ArticleLinks links;
    private final Sentences sentences;
    private final Languages languages;

    DigestViews(HeraldConfig config, ArticlesConfig articlesConfig, ArticleLinks links, Languages languages) {
        this.languages = languages;
        this.config = config;
        this.articlesConfig = articlesConfig;
        this.links = links;
        this.sentences = new Sentences(articlesConfig.social().abbreviations().orElse(List.of()));
    }

    DigestView view(
            List<Article> articles,
            MailingList list,
            String name,
            String email,
            String unsubscribeUrl,
            EditionContext edition,
            List<StoryStyle> styles) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("An edition needs at least one article");
        }
        List<DigestView.ArticleView> views = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            StoryStyle style = styles.get(i);
            String figure =
                    style == StoryStyle.SUMMARY ? KeyFigures.of(a, sentences).orElse("") : "";
            views.add(new DigestView.ArticleView(
                    a, edition.tracking().link(tracked(links.articleUrl(a), edition.campaign())), style, figure));
        }
        Words words = languages.words(list.language());
        return new DigestView(
                        config.publication().name(),
                        list.name(),
                        list.id(),
                        views,
                        name,
                        email,
                        unsubscribeUrl,
                        edition.viewOnlineUrl() == null
                                ? null
                                : edition.tracking().link(edition.viewOnlineUrl()),
                        footer(articles.get(0), edition.tracking(), words),
                        edition.tracking().openPixel())
                .in(words.language());
    }

    /**
     * An article link with utm_source=herald, utm_medium=email, utm_campaign=&lt;edition&gt; (herald.links.utm); never
     * applied to unsubscribe or preference links, which do not pass through here.
     */
    String tracked(String url, String campaign) {
        if (!articlesConfig.links().utm() || url.contains("utm_source=")) {
            return url;
        }
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String query = "utm_source=" + enc(articlesConfig.links().utmSource()) + "&utm_medium=email&utm_campaign="
                + enc(campaign);
        return base + (base.contains("?") ? "&" : "?") + query + fragment;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The footer: the channels the lead's call-to-action names and the signup link, each counted like any link. */
    private DigestView.Footer footer(Article lead, LinkTracking tracking, Words words) {
        CallToAction cta = lead.cta();
        List<String> ids =
                cta != null ? cta.channels() : articlesConfig.articles().defaultChannels();
        List<DigestView.ChannelLink> channels = new ArrayList<>();
        for (String id : ids) {
            String url = config.publication().channelUrls().get(id);
            if (url == null) {
                Log.warnf("No URL configured for channel %s (herald.publication.channel-urls.%s)", id, id);
            }
            channels.add(new DigestView.ChannelLink(
                    id, CallToActionParser.displayName(id), url == null ? null : tracking.link(url)));
        }
        String text = cta != null
                ? cta.text()
                : words.get("defaultCallToAction", config.publication().name());
        String signup =
                cta == null || cta.websiteSignup() ? config.publication().signupUrl() : null;
        return new DigestView.Footer(text, channels, signup == null ? null : tracking.link(signup));
    }
}
