package io.herald.social;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.herald.article.Article;
import io.herald.article.ArticleLinks;
import io.herald.config.HeraldConfig;
import io.herald.templating.EditorTemplates;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes one teaser per channel an article's call-to-action names (the configured default channels when it names
 * none). The channel's template places title, lead, call-to-action and link; this class decides what fits:
 * first everything, then a shortened lead, then without the call-to-action, then a shortened title.
 */
@ApplicationScoped
public class TeaserComposer {

    private final EditorTemplates templates;
    private final HeraldConfig config;
    private final ArticleLinks links;

    TeaserComposer(EditorTemplates templates, HeraldConfig config, ArticleLinks links) {
        this.templates = templates;
        this.config = config;
        this.links = links;
    }

    /** The channels to tease, in the order the article names them; unknown ids are logged and left out. */
    public List<Channel> channelsFor(Article article) {
        List<String> ids = article.hasCallToAction() && !article.cta().channels().isEmpty()
                ? article.cta().channels()
                : config.articles().defaultChannels();
        Set<Channel> channels = new LinkedHashSet<>();
        for (String id : ids) {
            Optional<Channel> channel = Channel.byId(id);
            if (channel.isPresent()) {
                channels.add(channel.get());
            } else {
                Log.warnf("Article %s names channel %s, which Herald has no teaser for", article.id(), id);
            }
        }
        return new ArrayList<>(channels);
    }

    public List<Teaser> compose(Article article) {
        return channelsFor(article).stream().map(c -> compose(article, c)).toList();
    }

    public Teaser compose(Article article, Channel channel) {
        String url = links.articleUrl(article);
        String cta = shortCallToAction(article, channel);
        String lead = article.leadWithoutDateline();
        for (String ctaForm : new String[] { cta, "" }) {
            String fitted = TextFitting.longestFitting(lead,
                    l -> fits(channel, render(channel, new TeaserView(article.title(), l, url, ctaForm, publication()))));
            String text = render(channel, new TeaserView(article.title(), fitted, url, ctaForm, publication()));
            if (fits(channel, text) && !fitted.isEmpty()) {
                return Teaser.of(channel, text);
            }
        }
        String title = TextFitting.longestFitting(article.title(),
                t -> fits(channel, render(channel, new TeaserView(t, "", url, "", publication()))));
        return Teaser.of(channel, render(channel, new TeaserView(title, "", url, "", publication())));
    }

    private String shortCallToAction(Article article, Channel channel) {
        if (article.hasCallToAction() && article.cta().websiteSignup()) {
            return channel.clickableLinks() ? "Get our stories by email: " + config.publication().signupUrl()
                    : "Get our stories by email: sign up via the link in bio.";
        }
        return "Follow " + publication() + " on " + channel.displayName() + ".";
    }

    private String publication() {
        return config.publication().name();
    }

    private static boolean fits(Channel channel, String text) {
        return channel.count(text) <= channel.limit();
    }

    private String render(Channel channel, TeaserView view) {
        String raw = templates.get("social/" + channel.id() + ".txt").data("teaser", view).render();
        // Templates leave blank lines where an empty part was; at most one blank line survives.
        return channel.clean(raw.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip());
    }
}
