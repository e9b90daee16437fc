package io.herald.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.article.Article;
import io.herald.article.ArticleLinks;
import io.herald.article.ArticlesConfig;
import io.herald.article.CallToAction;
import io.herald.article.CallToActionParser;
import io.herald.article.KeyFigures;
import io.herald.article.Sentences;
import io.herald.config.HeraldConfig;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.SubscriberStore.Recipient;
import io.herald.subscriber.UnsubscribeTokens;
import io.herald.templating.EditorTemplates;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** Renders an edition for one subscriber from templates/email/digest.{html,txt} and digest-subject.txt. */
@ApplicationScoped
public class DigestRenderer {

    private final EditorTemplates templates;
    private final HeraldConfig config;
    private final DigestConfig digestConfig;
    private final ArticlesConfig articlesConfig;
    private final ArticleLinks links;
    private final UnsubscribeTokens tokens;
    private final CssInliner inliner = new CssInliner();
    private final Sentences sentences;
    private final Map<PlanKey, EditionPlan> plans =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PlanKey, EditionPlan> eldest) {
                    return size() > 32;
                }
            });

    /** What a plan depends on: the same edition for the same list with the same templates plans the same. */
    private record PlanKey(
            String campaign,
            String listId,
            MailingList.DigestStyle style,
            List<Article> articles,
            int generation,
            int budget) {}

    DigestRenderer(
            EditorTemplates templates,
            HeraldConfig config,
            DigestConfig digestConfig,
            ArticlesConfig articlesConfig,
            ArticleLinks links,
            UnsubscribeTokens tokens) {
        this.templates = templates;
        this.config = config;
        this.digestConfig = digestConfig;
        this.articlesConfig = articlesConfig;
        this.links = links;
        this.tokens = tokens;
        this.sentences = new Sentences(articlesConfig.social().abbreviations().orElse(List.of()));
    }

    public RenderedEmail render(List<Article> articles, MailingList list, Recipient recipient, EditionContext edition) {
        return render(
                articles,
                list,
                recipient.name(),
                recipient.email(),
                unsubscribeUrl(list.id(), recipient.id()),
                edition);
    }

    /**
     * The edition for one recipient given by name (or null), address and their unsubscribe link; a null address
     * renders the public web copy.
     */
    public RenderedEmail render(
            List<Article> articles,
            MailingList list,
            String name,
            String email,
            String unsubscribeUrl,
            EditionContext edition) {
        EditionPlan plan = plan(articles, list, edition);
        DigestView view = view(articles, list, name, email, unsubscribeUrl, edition, plan.styles());
        String subject = subject(view);
        return new RenderedEmail(
                subject,
                lines(html(view)),
                lines(templates.get("email/digest.txt").data("email", view).render()));
    }

    /**
     * Which style each story gets for this list (its digest-style against herald.digest.html-budget), and why;
     * worked out once per edition, list and template version.
     */
    public EditionPlan plan(List<Article> articles, MailingList list, EditionContext edition) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("An edition needs at least one article");
        }
        int budget = digestConfig.htmlBudget();
        PlanKey key = new PlanKey(
                edition.campaign(),
                list.id(),
                list.digestStyle(),
                List.copyOf(articles),
                templates.generation(),
                budget);
        EditionPlan known = plans.get(key);
        if (known != null) {
            return known;
        }
        String sampleUnsubscribe = unsubscribeUrl(list.id(), Long.MAX_VALUE);
        EditionPlan plan = EditionPlanner.plan(
                articles,
                list.digestStyle(),
                budget,
                styles -> html(view(
                        articles,
                        list,
                        "Subscriber With A Long Name",
                        "subscriber.with.a.long.address@example.org",
                        sampleUnsubscribe,
                        edition,
                        styles)));
        if (!plan.fits()) {
            Log.warnf(
                    "Edition %s for list %s: %d bytes of HTML even as headlines, over the budget of %d",
                    edition.campaign(), list.id(), plan.htmlBytes(), budget);
        }
        plans.put(key, plan);
        return plan;
    }

    private String html(DigestView view) {
        return inliner.inline(
                templates.get("email/digest.html").data("email", view).render());
    }

    /** The subject, its lead headline shortened at a word until the whole line fits herald.digest.subject-max-length. */
    private String subject(DigestView view) {
        int max = digestConfig.subjectMaxLength();
        String subject = oneLine(
                templates.get("email/digest-subject.txt").data("email", view).render());
        String[] words = view.lead().title().split("\\s+");
        for (int n = words.length - 1; n > 0 && subject.codePointCount(0, subject.length()) > max; n--) {
            String title =
                    String.join(" ", java.util.Arrays.copyOf(words, n)).replaceAll("[\\p{Punct}&&[^\"'”’»)]]+$", "")
                            + "…";
            subject = oneLine(templates
                    .get("email/digest-subject.txt")
                    .data("email", view.withSubjectTitle(title))
                    .render());
        }
        return subject;
    }

    /** The context of an article previewed before any edition exists: links as the send will tag them. */
    public EditionContext previewContext(Article article) {
        return new EditionContext("preview", links.articleUrl(article));
    }

    /** The context of an edition: campaign edition-&lt;id&gt; and its public page. */
    public EditionContext editionContext(long editionId) {
        return new EditionContext("edition-" + editionId, links.publicUrl("/editions/" + editionId));
    }

    /** Templates edited on Windows carry CRLF; every part is written with \n and encoded from that. */
    private static String lines(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    public String unsubscribeUrl(String listId, long subscriberId) {
        return links.publicUrl("/unsubscribe?t=" + tokens.issue(listId, subscriberId));
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
            views.add(new DigestView.ArticleView(a, tracked(links.articleUrl(a), edition.campaign()), style, figure));
        }
        return new DigestView(
                config.publication().name(),
                list.name(),
                list.id(),
                views,
                name,
                email,
                unsubscribeUrl,
                edition.viewOnlineUrl(),
                footer(articles.get(0)));
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

    private DigestView.Footer footer(Article lead) {
        CallToAction cta = lead.cta();
        List<String> ids =
                cta != null ? cta.channels() : articlesConfig.articles().defaultChannels();
        List<DigestView.ChannelLink> channels = new ArrayList<>();
        for (String id : ids) {
            String url = config.publication().channelUrls().get(id);
            if (url == null) {
                Log.warnf("No URL configured for channel %s (herald.publication.channel-urls.%s)", id, id);
            }
            channels.add(new DigestView.ChannelLink(id, CallToActionParser.displayName(id), url));
        }
        String text =
                cta != null ? cta.text() : "Get " + config.publication().name() + " stories sent directly to you!";
        String signup =
                cta == null || cta.websiteSignup() ? config.publication().signupUrl() : null;
        return new DigestView.Footer(text, channels, signup);
    }

    /** Subjects are one header line: editors' line breaks and runs of spaces fold into one space. */
    static String oneLine(String subject) {
        return subject.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
