package io.herald;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.delivery.SendPlanner;
import jakarta.enterprise.context.ApplicationScoped;

/** The articles of a planned edition, in the edition's order; an article deleted since is left out. */
@ApplicationScoped
class EditionArticles {

    private final SendPlanner planner;
    private final ArticleStore articles;

    EditionArticles(SendPlanner planner, ArticleStore articles) {
        this.planner = planner;
        this.articles = articles;
    }

    List<Article> of(long editionId) throws SQLException {
        List<Article> result = new ArrayList<>();
        for (long id : planner.editionArticles(editionId)) {
            articles.find(id).ifPresent(result::add);
        }
        return result;
    }
}
