package io.herald.delivery;

import java.util.ArrayList;
import java.util.List;

import io.herald.article.Article;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Found when a digest picked up 200 articles: its edition key outgrew its column and the scheduled run failed. */
class SendPlannerKeyTest {

    static List<Article> articles(int n) {
        List<Article> list = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            list.add(new Article(i, "t", null, List.of("p"), List.of(), null, null, "h" + i, null));
        }
        return list;
    }

    @Test
    void aLongEditionGetsAFixedLengthKeyThatIsStillTheSameForTheSameArticles() {
        assertThat(SendPlanner.dedupeKey(articles(3))).isEqualTo("articles:1,2,3");
        String many = SendPlanner.dedupeKey(articles(300));
        assertThat(many).startsWith("articles-sha256:").hasSizeLessThanOrEqualTo(200);
        assertThat(SendPlanner.dedupeKey(articles(300))).isEqualTo(many);
        assertThat(SendPlanner.dedupeKey(articles(301))).isNotEqualTo(many);
    }
}
