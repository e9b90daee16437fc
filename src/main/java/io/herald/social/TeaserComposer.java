package io.herald.social;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.herald.article.Article;
import io.herald.article.ArticleLinks;
import io.herald.article.ArticlesConfig;
import io.herald.article.KeyFigures;
import io.herald.article.Sentences;
import io.herald.config.HeraldConfig;
import io.herald.language.Languages;
import io.herald.language.Words;
import io.herald.templating.EditorTemplates;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes one teaser per channel an article's call-to-action names (the configured default channels when it names
 * none). Deterministic and explainable: the parts are the headline, the lead sentence without its dateline, the key
 * figure ({@link KeyFigures}), a short quote ({@link Quotes}), hashtags ({@link Hashtags}, as many as the channel's
 * policy), the link with utm_source=&lt;channel&gt;&amp;utm_medium=social, and the call-to-action adapted to the
 * channel. The channel's template places them; this class tries the {@link #VARIANTS} in order of preference and
 * keeps the first whose rendering fits the channel's rule, shortening the lead, then the title, only when none does.
 */
@ApplicationScoped
public class TeaserComposer {

    enum Part {
        LEAD,
        FIGURE,
        QUOTE,
        HASHTAGS,
        CTA
    }

    /** Most complete first. A whole sentence (figure, quote) is worth more than a lead cut short. */
    static final List<Set<Part>> VARIANTS = List.of(
            EnumSet.allOf(Part.class),
            EnumSet.of(Part.LEAD, Part.FIGURE, Part.HASHTAGS, Part.CTA),
            EnumSet.of(Part.LEAD, Part.QUOTE, Part.HASHTAGS, Part.CTA),
            EnumSet.of(Part.LEAD, Part.HASHTAGS, Part.CTA),
            EnumSet.of(Part.LEAD, Part.HASHTAGS),
            EnumSet.of(Part.FIGURE, Part.HASHTAGS, Part.CTA),
            EnumSet.of(Part.FIGURE, Part.HASHTAGS),
            EnumSet.of(Part.QUOTE, Part.HASHTAGS));

    private final EditorTemplates templates;
    private final HeraldConfig config;
    private final SocialConfig socialConfig;
    private final ArticlesConfig articlesConfig;
    private final ArticleLinks links;
    private final TeaserFacts teaserFacts;
    private final Sentences sentences;
    private final Languages languages;

    TeaserComposer(
            EditorTemplates templates,
            HeraldConfig config,
            SocialConfig socialConfig,
            ArticlesConfig articlesConfig,
            ArticleLinks links,
            TeaserFacts teaserFacts,
            Languages languages) {
        this.languages = languages;
        this.sentences = new Sentences(articlesConfig.social().abbreviations().orElse(List.of()));
        this.templates = templates;
        this.config = config;
        this.socialConfig = socialConfig;
        this.articlesConfig = articlesConfig;
        this.links = links;
        this.teaserFacts = teaserFacts;
    }

    /**
     * The channels to tease, in the order the article names them; without a call-to-action naming any, its feed's
     * list's default-channels, else herald.articles.default-channels. Unknown ids are logged and left out.
     */
    public List<Channel> channelsFor(Article article) {
        List<String> ids =
                article.hasCallToAction() && !article.cta().channels().isEmpty()
                        ? article.cta().channels()
                        : !article.meta().defaultChannels().isEmpty()
                                ? article.meta().defaultChannels()
                                : articlesConfig.articles().defaultChannels();
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
        TeaserFacts.Facts facts = teaserFacts.of(article);
        return channelsFor(article).stream()
                .map(c -> compose(article, facts, c))
                .toList();
    }

    public Teaser compose(Article article, Channel channel) {
        return compose(article, teaserFacts.of(article), channel);
    }

    private Teaser compose(Article article, TeaserFacts.Facts facts, Channel channel) {
        try {
            return composeWithTemplate(article, facts, channel);
        } catch (io.quarkus.qute.TemplateException e) {
            // One channel's template an editor broke: that teaser waits with the reason, the article and the other
            // channels go on (a feed's items would otherwise fail to load one after another).
            Log.warnf("Teaser for article %s on %s: %s", article.id(), channel.id(), e.getMessage());
            return new Teaser(
                    channel.id(),
                    "",
                    0,
                    channel.limit(),
                    false,
                    "the template does not render: " + e.getMessage(),
                    "draft",
                    false,
                    false);
        }
    }

    private Teaser composeWithTemplate(Article article, TeaserFacts.Facts facts, Channel channel) {
        String url = channel.clickableLinks() ? socialUrl(article, channel) : "";
        Words words = languages.words(article.language());
        String cta = callToAction(article, channel, words);
        String tags = facts.tags().stream()
                .limit(channel.hashtagPolicy())
                .map(Hashtags.Tag::hashtag)
                .collect(Collectors.joining(" "));
        for (Set<Part> parts : VARIANTS) {
            if (!available(parts, facts)) {
                continue;
            }
            String text = render(words.language(), channel, view(article.title(), facts, parts, url, tags, cta));
            if (fits(channel, text)) {
                return Teaser.of(channel, text);
            }
        }
        for (String tagsForm : new String[] {tags, ""}) {
            String lead = TextFitting.longestFitting(
                    facts.lead(),
                    l -> fits(
                            channel,
                            render(
                                    words.language(),
                                    channel,
                                    new TeaserView(article.title(), l, "", "", tagsForm, url, "", publication()))),
                    sentences);
            if (!lead.isEmpty()) {
                return Teaser.of(
                        channel,
                        render(
                                words.language(),
                                channel,
                                new TeaserView(article.title(), lead, "", "", tagsForm, url, "", publication())));
            }
        }
        String title = TextFitting.longestFitting(
                article.title(),
                t -> fits(
                        channel,
                        render(words.language(), channel, new TeaserView(t, "", "", "", "", url, "", publication()))),
                sentences);
        return Teaser.of(
                channel,
                render(words.language(), channel, new TeaserView(title, "", "", "", "", url, "", publication())));
    }

    private static boolean available(Set<Part> parts, TeaserFacts.Facts facts) {
        return (!parts.contains(Part.FIGURE) || !facts.figure().isEmpty())
                && (!parts.contains(Part.QUOTE) || !facts.quote().isEmpty())
                && (!parts.contains(Part.LEAD) || !facts.lead().isEmpty());
    }

    private TeaserView view(
            String title, TeaserFacts.Facts facts, Set<Part> parts, String url, String tags, String cta) {
        return new TeaserView(
                title,
                parts.contains(Part.LEAD) ? facts.lead() : "",
                parts.contains(Part.FIGURE) ? facts.figure() : "",
                parts.contains(Part.QUOTE) ? facts.quote() : "",
                parts.contains(Part.HASHTAGS) ? tags : "",
                url,
                parts.contains(Part.CTA) ? cta : "",
                publication());
    }

    /** The article link as this channel's readers get it: utm_source=&lt;channel&gt;, utm_medium=social. */
    public String socialUrl(Article article, Channel channel) {
        String url = links.articleUrl(article);
        if (!articlesConfig.links().utm()) {
            return url;
        }
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        return base + (base.contains("?") ? "&" : "?") + "utm_source=" + channel.id() + "&utm_medium=social" + fragment;
    }

    /** "Subscribe: <signup link>" where links work; Instagram and the like get "Subscribe: link in bio". */
    private String callToAction(Article article, Channel channel, Words words) {
        if (article.hasCallToAction() && !article.cta().websiteSignup()) {
            return "";
        }
        return channel.clickableLinks()
                ? words.get("subscribeAt", config.publication().signupUrl())
                : words.get("subscribeLinkInBio");
    }

    private String publication() {
        return config.publication().name();
    }

    private static boolean fits(Channel channel, String text) {
        return channel.problem(text).isEmpty();
    }

    private String render(String language, Channel channel, TeaserView view) {
        String raw = templates
                .get("social/" + channel.id() + ".txt")
                .data("teaser", view)
                .setLocale(language)
                .render();
        // Templates leave blank lines where an empty part was; at most one blank line survives.
        return channel.clean(
                raw.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip());
    }
}
