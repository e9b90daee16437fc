package io.herald;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.article.ArticleLinks;
import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.delivery.EditionMessages;
import io.herald.delivery.MessageBuilder;
import io.herald.delivery.PreparedEdition;
import io.herald.delivery.SendPlanner;
import io.herald.delivery.Sender;
import io.herald.digest.DigestRenderer;
import io.herald.digest.RenderedEmail;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.herald.subscriber.SubscriberStore;
import io.herald.subscriber.SubscriberStore.Recipient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * An edition as its readers would get it, without sending it to them: the sample message of a list's first member,
 * a test send to one address, and the public web copy of an edition.
 */
@ApplicationScoped
public class EditionPreview {

    private final ArticleStore articles;
    private final SubscriberStore subscribers;
    private final MailingLists mailingLists;
    private final SendPlanner planner;
    private final EditionArticles editions;
    private final DigestRenderer renderer;
    private final EditionMessages messages;
    private final Sender sender;
    private final ArticleLinks links;

    EditionPreview(
            ArticleStore articles,
            SubscriberStore subscribers,
            MailingLists mailingLists,
            SendPlanner planner,
            EditionArticles editions,
            DigestRenderer renderer,
            EditionMessages messages,
            Sender sender,
            ArticleLinks links) {
        this.articles = articles;
        this.subscribers = subscribers;
        this.mailingLists = mailingLists;
        this.planner = planner;
        this.editions = editions;
        this.renderer = renderer;
        this.messages = messages;
        this.sender = sender;
        this.links = links;
    }

    /** The exact message a list's first active member gets for this article: for preview and the API. */
    public Optional<MimeMessage> sampleMessage(long articleId, String listId) throws SQLException, MessagingException {
        Article article = article(articleId);
        MailingList list = list(listId);
        Optional<Recipient> sample = subscribers.sampleRecipient(listId);
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        Recipient r = sample.get();
        return Optional.of(messages.single(
                "preview",
                list,
                new MessageBuilder.To(r.id(), r.email(), r.name()),
                rendering(article, list),
                renderer.unsubscribeUrl(list.id(), r.id())));
    }

    /**
     * Sends the article's email as {@code listId} would get it to one address, marked as a test, through the same
     * SMTP path (pool, DKIM), recorded in no ledger. Returns the relay's reply.
     */
    public String sendTest(long articleId, String listId, String address) throws Exception {
        Article article = article(articleId);
        MailingList list = list(listId);
        MimeMessage message = messages.test(
                list,
                new MessageBuilder.To(0, address, null),
                rendering(article, list),
                links.publicUrl("/unsubscribe?t=test"));
        try (Sender.Session session = sender.open()) {
            String reply = session.send(message);
            Log.infof("Test of article %d (list %s) sent to %s", articleId, listId, address);
            return reply;
        }
    }

    /** The rendered parts of that sample message. */
    public Optional<RenderedEmail> sampleEmail(long articleId, String listId) throws SQLException {
        Article article = article(articleId);
        MailingList list = list(listId);
        return subscribers
                .sampleRecipient(listId)
                .map(r -> renderer.render(List.of(article), list, r, renderer.previewContext(article)));
    }

    /** The public web copy of an edition ("view in browser"): rendered for no one in particular. */
    public Optional<String> editionPage(long editionId) throws SQLException {
        Optional<String> listId = planner.editionList(editionId);
        if (listId.isEmpty()) {
            return Optional.empty();
        }
        MailingList list = mailingLists.find(listId.get()).orElseThrow();
        List<Article> edition = editions.of(editionId);
        if (edition.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(renderer.render(edition, list, null, null, null, renderer.editionContext(editionId))
                .html());
    }

    /** The edition's first article: what its shared link shows. */
    public Optional<Article> leadArticle(long editionId) throws SQLException {
        return editions.of(editionId).stream().findFirst();
    }

    private PreparedEdition.Renderer rendering(Article article, MailingList list) {
        return (name, email, url) ->
                renderer.render(List.of(article), list, name, email, url, renderer.previewContext(article));
    }

    private Article article(long id) throws SQLException {
        return articles.find(id).orElseThrow(() -> Refusal.notFound("article", "no article " + id));
    }

    private MailingList list(String id) throws SQLException {
        return mailingLists.find(id).orElseThrow(() -> Refusal.notFound("list", "no list " + id));
    }
}
