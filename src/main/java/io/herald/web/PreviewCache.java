package io.herald.web;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.herald.EditionPreview;
import io.herald.article.Article;
import io.herald.delivery.DeliverabilityCheck;
import io.herald.digest.RenderedEmail;
import io.herald.subscriber.MailingList;
import io.herald.templating.EditorTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.MimeMessage;

/**
 * The preview's expensive parts, rendered once per (article content, list, templates): the email, and the
 * deliverability summary, which signs the message and runs SpamAssassin when installed (about a second). An edit to
 * the article, the list or a template makes a new key, so editors always see the current email.
 */
@ApplicationScoped
public class PreviewCache {

    /** What the preview shows of the email. */
    public record Preview(RenderedEmail email, DeliverabilityCheck.Summary checks) {}

    private static final int MAX = 500;
    // Futures, so editors opening a new article at the same moment wait for one rendering and one SpamAssassin run
    // instead of each starting their own (fifty at once kept two cores busy for a minute).
    private final Map<String, CompletableFuture<Optional<Preview>>> cache = new ConcurrentHashMap<>();
    private final EditionPreview editionPreview;
    private final DeliverabilityCheck checks;
    private final EditorTemplates templates;

    PreviewCache(EditionPreview editionPreview, DeliverabilityCheck checks, EditorTemplates templates) {
        this.editionPreview = editionPreview;
        this.checks = checks;
        this.templates = templates;
    }

    public Optional<Preview> of(Article article, MailingList list) throws SQLException {
        String key = article.id() + "|" + article.contentHash() + "|"
                + article.meta().hashCode() + "|" + list.hashCode() + "|" + templates.generation();
        CompletableFuture<Optional<Preview>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Preview>> theirs = cache.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Optional<Preview> preview = render(article, list);
            mine.complete(preview);
            if (preview.isEmpty()) {
                // No active member to render for yet; the first one to join should show at once.
                cache.remove(key, mine);
            }
            if (cache.size() > MAX) {
                cache.clear();
            }
            return preview;
        } catch (SQLException | RuntimeException e) {
            // Not remembered: the next request tries again.
            cache.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Optional<Preview> render(Article article, MailingList list) throws SQLException {
        Optional<RenderedEmail> email = editionPreview.sampleEmail(article.id(), list.id());
        Optional<Preview> preview = Optional.empty();
        if (email.isPresent()) {
            DeliverabilityCheck.Summary summary;
            try {
                Optional<MimeMessage> message = editionPreview.sampleMessage(article.id(), list.id());
                summary = message.isPresent() ? checks.check(message.get()) : null;
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                // The checks are advice: a message that cannot be built or scored shows none.
                summary = null;
            }
            preview = Optional.of(new Preview(email.get(), summary));
        }
        return preview;
    }
}
