package io.herald.social;

import java.util.List;

import io.herald.article.Article;
import io.herald.support.TeaserFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every teaser of the seed and of an article whose lead ends with a date after a month abbreviation ("on Oct. 8.")
 * and whose figure is a decimal ("4.1 million tonnes"), compared as whole text with
 * fixtures/expected/teasers/&lt;article&gt;/&lt;channel&gt;.txt. Rewrite after an intended change:
 * {@code mvn -B test -Dtest=ExpectedTeasersTest -Dexpected.rewrite=true}.
 */
@QuarkusTest
class ExpectedTeasersTest {

    @Inject
    TeaserComposer composer;

    @ParameterizedTest
    @ValueSource(strings = {"astana-times-tokayev-kurtulmus.txt", "khorgos-crossing-oct.txt"})
    void eachChannelsTeaserIsTheExpectedText(String fixture) throws Exception {
        Article article = TeaserCompositionTest.read(fixture);
        List<Teaser> teasers = composer.compose(article);
        assertThat(teasers).isNotEmpty();
        String name = fixture.replaceFirst("\\.txt$", "");
        TeaserFiles.assertMatches(name, teasers);
    }
}
