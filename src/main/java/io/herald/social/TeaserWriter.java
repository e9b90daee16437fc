package io.herald.social;

import java.sql.SQLException;
import java.util.List;

import io.herald.article.ArticleIngest.ArticleStored;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Composes and stores an article's teasers as soon as the article is stored. */
@ApplicationScoped
public class TeaserWriter {

    private final TeaserComposer composer;
    private final TeaserStore store;

    TeaserWriter(TeaserComposer composer, TeaserStore store) {
        this.composer = composer;
        this.store = store;
    }

    /** The article changed: teasers follow, except those an editor rewrote or held. */
    void onUpdate(@Observes io.herald.article.ArticleIngest.ArticleUpdated event) throws SQLException {
        long id = event.article().id();
        java.util.Map<String, Teaser> kept = new java.util.HashMap<>();
        store.forArticle(id).stream().filter(t -> t.edited() || t.held()).forEach(t -> kept.put(t.channel(), t));
        List<Teaser> teasers = composer.compose(event.article()).stream()
                .map(t -> kept.getOrDefault(t.channel(), t))
                .toList();
        store.replaceAll(id, teasers);
    }

    void onArticle(@Observes ArticleStored event) throws SQLException {
        List<Teaser> teasers = composer.compose(event.article());
        store.replaceAll(event.article().id(), teasers);
        teasers.stream()
                .filter(t -> !t.valid())
                .forEach(t -> Log.warnf(
                        "Teaser for %s on %s is not postable: %s",
                        event.article().id(), t.channel(), t.problem()));
    }
}
