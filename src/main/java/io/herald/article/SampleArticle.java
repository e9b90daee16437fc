package io.herald.article;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Loads the bundled sample articles into an empty database, so a fresh install has something to preview and send: the
 * reference article in English and one in Russian (for the demo's second-language list).
 */
@ApplicationScoped
public class SampleArticle {

    static final java.util.List<String> RESOURCES = java.util.List.of(
            "sample/astana-times-tokayev-kurtulmus.txt", "sample/astana-times-middle-corridor-ru.txt");

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
        for (String resource : RESOURCES) {
            try (InputStream in = SampleArticle.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("Sample article missing from the build: " + resource);
                }
                Article article = ingest.ingestText(in.readAllBytes()).article();
                Log.infof("Loaded the sample article %d (%s): %s", article.id(), article.language(), article.title());
            }
        }
    }
}
