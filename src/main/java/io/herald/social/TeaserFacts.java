package io.herald.social;

import java.util.List;

import io.herald.article.Article;
import io.herald.article.ArticlesConfig;
import io.herald.article.KeyFigures;
import io.herald.article.Sentences;
import io.herald.language.Languages;
import io.herald.language.Words;
import jakarta.enterprise.context.ApplicationScoped;

/** What an article offers every channel's teaser: its lead sentence, key figure, best quote and hashtags. */
@ApplicationScoped
public class TeaserFacts {

    private final Hashtags hashtags;
    private final Sentences sentences;
    private final Languages languages;

    TeaserFacts(Hashtags hashtags, ArticlesConfig articlesConfig, Languages languages) {
        this.hashtags = hashtags;
        this.languages = languages;
        this.sentences = new Sentences(articlesConfig.social().abbreviations().orElse(List.of()));
    }

    /** What the article offers every channel, worked out once. */
    record Facts(String lead, String figure, String quote, List<Hashtags.Tag> tags) {}

    Facts of(Article article) {
        List<Hashtags.Tag> tags = hashtags.of(article);
        List<String> places = tags.stream().map(Hashtags.Tag::name).toList();
        Words words = languages.words(article.language());
        return new Facts(
                leadSentence(article),
                KeyFigures.of(article, sentences).orElse(""),
                Quotes.best(article, places, sentences)
                        .map(q -> q.display(words))
                        .orElse(""),
                tags);
    }

    /** The lead's first sentence without the dateline; two when the first is very short. */
    String leadSentence(Article article) {
        List<String> sentences = this.sentences.in(article.language()).of(article.leadWithoutDateline());
        if (sentences.isEmpty()) {
            return "";
        }
        String first = sentences.get(0);
        return first.length() < 60 && sentences.size() > 1 ? first + " " + sentences.get(1) : first;
    }
}
