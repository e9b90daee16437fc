package io.herald.article;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Loads the bundled sample article into an empty database, so a fresh install has something to preview and send. */
@ApplicationScoped
public class SampleArticle {

    static final String RESOURCE = "sample/astana-times-tokayev-kurtulmus.txt";

    private final ArticlesConfig articlesConfig;
    private final ArticleStore store;
    private final ArticleIngest ingest;

    SampleArticle(ArticlesConfig articlesConfig, ArticleStore store, ArticleIngest ingest) {
        this.articlesConfig = articlesConfig;
        this.store = store;
        this.ingest = ingest;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) throws IOException, SQLException {
        if (!articlesConfig.sample().enabled() || store.count() > 0) {
            return;
        }
        try (InputStream in = SampleArticle.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("Sample article missing from the build: " + RESOURCE);
            }
            Article article = ingest.ingestText(in.readAllBytes()).article();
            Log.infof("Loaded the sample article %d: %s", article.id(), article.title());
        }
    }
}
