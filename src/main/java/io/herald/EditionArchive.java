package io.herald;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.herald.article.Article;
import io.herald.delivery.SendHistory;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The public archive of a list: the editions that went to the whole list, newest first, each with its articles in
 * the edition's order. Only what every reader of the list received is here: the edition's web copy and its articles'
 * public pages, never a reader's own links. A list opts out with {@code archive: false} in its list.yaml.
 */
@ApplicationScoped
public class EditionArchive {

    /** The most editions one page (or one feed) holds. */
    public static final int MAX_PAGE = 100;

    /** One past edition: its id, when it finished going out, and its articles (the first leads). */
    public record Entry(long editionId, Instant sentAt, List<Article> articles) {
        public Article lead() {
            return articles.get(0);
        }

        /** How many stories besides the lead. */
        public int more() {
            return articles.size() - 1;
        }
    }

    /** A page of a list's archive: {@code page} counts from 1; {@code pages} is at least 1. */
    public record Page(MailingList list, List<Entry> entries, int page, int pages, long total) {}

    private final SendHistory history;
    private final EditionArticles editions;
    private final MailingLists mailingLists;
    private final ArchiveConfig config;

    EditionArchive(SendHistory history, EditionArticles editions, MailingLists mailingLists, ArchiveConfig config) {
        this.config = config;
        this.history = history;
        this.editions = editions;
        this.mailingLists = mailingLists;
    }

    /** The lists whose archives are public, in id order. */
    public List<MailingList> lists() throws SQLException {
        return mailingLists.all().stream().filter(MailingList::archive).toList();
    }

    /** Page {@code page} (from 1) of the archive; empty when the list does not exist or keeps no archive. */
    public Optional<Page> page(String listId, int page) throws SQLException {
        return page(listId, page, config.pageSize());
    }

    /** The newest editions, as many as a feed carries (herald.archive.feed-size). */
    public Optional<Page> newest(String listId) throws SQLException {
        return page(listId, 1, config.feedSize());
    }

    private Optional<Page> page(String listId, int page, int size) throws SQLException {
        Optional<MailingList> list = mailingLists.find(listId).filter(MailingList::archive);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        long total = history.archivedCount(listId);
        int pages = (int) Math.max(1, (total + limit - 1) / limit);
        List<Entry> entries = new ArrayList<>();
        if (page >= 1 && page <= pages) {
            for (SendHistory.ArchivedEdition edition : history.archived(listId, (page - 1) * limit, limit)) {
                List<Article> articles = editions.of(edition.editionId());
                // An edition whose articles were all erased since has nothing left to show.
                if (!articles.isEmpty()) {
                    entries.add(new Entry(edition.editionId(), edition.sentAt(), articles));
                }
            }
        }
        return Optional.of(new Page(list.get(), entries, page, pages, total));
    }
}
