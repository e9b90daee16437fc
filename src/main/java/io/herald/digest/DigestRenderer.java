package io.herald.digest;

import java.util.List;
import java.util.Map;

import io.herald.article.Article;
import io.herald.article.ArticleLinks;
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
    private final DigestConfig digestConfig;
    private final ArticleLinks links;
    private final UnsubscribeTokens tokens;
    private final CssInliner inliner = new CssInliner();
    private final DigestViews views;
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
            DigestConfig digestConfig,
            ArticleLinks links,
            UnsubscribeTokens tokens,
            DigestViews views) {
        this.templates = templates;
        this.digestConfig = digestConfig;
        this.links = links;
        this.tokens = tokens;
        this.views = views;
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
        DigestView view = views.view(articles, list, name, email, unsubscribeUrl, edition, plan.styles());
        String subject = subject(view);
        return new RenderedEmail(
                subject,
                lines(html(view)),
                lines(email("email/digest.txt", view).render()));
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
                styles -> html(views.view(
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
        return inliner.inline(email("email/digest.html", view).render());
    }

    /** One of the email's templates with the view, in the list's language ({msg:...} reads it). */
    private io.quarkus.qute.TemplateInstance email(String id, DigestView view) {
        return templates.get(id).data("email", view).setLocale(view.language());
    }

    /** The subject, its lead headline shortened at a word until the whole line fits herald.digest.subject-max-length. */
    private String subject(DigestView view) {
        int max = digestConfig.subjectMaxLength();
        String subject = oneLine(email("email/digest-subject.txt", view).render());
        String[] words = view.lead().title().split("\\s+");
        for (int n = words.length - 1; n > 0 && subject.codePointCount(0, subject.length()) > max; n--) {
            String title =
                    String.join(" ", java.util.Arrays.copyOf(words, n)).replaceAll("[\\p{Punct}&&[^\"'”’»)]]+$", "")
                            + "…";
            subject = oneLine(email("email/digest-subject.txt", view.withSubjectTitle(title))
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

    /** Subjects are one header line: editors' line breaks and runs of spaces fold into one space. */
    static String oneLine(String subject) {
        return subject.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
