package io.herald.digest;

import java.util.ArrayList;
import java.util.List;

import io.herald.article.Article;
import io.herald.article.ArticleLinks;
import io.herald.article.CallToAction;
import io.herald.config.HeraldConfig;
import io.herald.social.Channel;
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
    private final ArticleLinks links;
    private final UnsubscribeTokens tokens;
    private final CssInliner inliner = new CssInliner();

    DigestRenderer(EditorTemplates templates, HeraldConfig config, ArticleLinks links, UnsubscribeTokens tokens) {
        this.templates = templates;
        this.config = config;
        this.links = links;
        this.tokens = tokens;
    }

    public RenderedEmail render(List<Article> articles, MailingList list, Recipient recipient, EditionContext edition) {
        return render(articles, list, recipient.name(), recipient.email(), unsubscribeUrl(list.id(), recipient.id()),
                edition);
    }

    /**
     * The edition for one recipient given by name (or null), address and their unsubscribe link; a null address
     * renders the public web copy.
     */
    public RenderedEmail render(List<Article> articles, MailingList list, String name, String email,
            String unsubscribeUrl, EditionContext edition) {
        DigestView view = view(articles, list, name, email, unsubscribeUrl, edition);
        String subject = templates.get("email/digest-subject.txt").data("email", view).render();
        return new RenderedEmail(oneLine(subject),
                lines(inliner.inline(templates.get("email/digest.html").data("email", view).render())),
                lines(templates.get("email/digest.txt").data("email", view).render()));
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

    DigestView view(List<Article> articles, MailingList list, String name, String email, String unsubscribeUrl,
            EditionContext edition) {
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("An edition needs at least one article");
        }
        List<DigestView.ArticleView> views = articles.stream()
                .map(a -> new DigestView.ArticleView(a, tracked(links.articleUrl(a), edition.campaign()))).toList();
        return new DigestView(config.publication().name(), list.name(), list.id(), views, name, email,
                unsubscribeUrl, edition.viewOnlineUrl(), footer(articles.get(0)));
    }

    /**
     * An article link with utm_source=herald, utm_medium=email, utm_campaign=&lt;edition&gt; (herald.links.utm); never
     * applied to unsubscribe or preference links, which do not pass through here.
     */
    String tracked(String url, String campaign) {
        if (!config.links().utm() || url.contains("utm_source=")) {
            return url;
        }
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String query = "utm_source=" + enc(config.links().utmSource()) + "&utm_medium=email&utm_campaign=" + enc(campaign);
        return base + (base.contains("?") ? "&" : "?") + query + fragment;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private DigestView.Footer footer(Article lead) {
        CallToAction cta = lead.cta();
        List<String> ids = cta != null ? cta.channels() : config.articles().defaultChannels();
        List<DigestView.ChannelLink> channels = new ArrayList<>();
        for (String id : ids) {
            String url = config.publication().channelUrls().get(id);
            if (url == null) {
                Log.warnf("No URL configured for channel %s (herald.publication.channel-urls.%s)", id, id);
            }
            channels.add(new DigestView.ChannelLink(id, Channel.byId(id).map(Channel::displayName).orElse(id), url));
        }
        String text = cta != null ? cta.text()
                : "Get " + config.publication().name() + " stories sent directly to you!";
        String signup = cta == null || cta.websiteSignup() ? config.publication().signupUrl() : null;
        return new DigestView.Footer(text, channels, signup);
    }

    /** Subjects are one header line: editors' line breaks and runs of spaces fold into one space. */
    static String oneLine(String subject) {
        return subject.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
