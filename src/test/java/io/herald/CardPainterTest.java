package io.herald;

import java.time.Duration;
import java.util.Map;

import io.herald.social.card.CardFormat;
import io.herald.social.card.CardStore;
import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** With paint-ahead on (the default outside tests), an article's cards are drawn and kept before anyone asks. */
@QuarkusTest
@TestProfile(CardPainterTest.PaintAhead.class)
class CardPainterTest {

    public static class PaintAhead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("herald.cards.paint-ahead", "true");
        }
    }

    @Inject
    CardStore store;

    @Test
    void anArticlesCardsAreDrawnAheadInEveryFormat() {
        long article = Api.postArticle(
                "Painted Ahead Story About Flax",
                "ASTANA – Flax exports grew by a fifth, the ministry said on Monday.");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (CardFormat format : CardFormat.values()) {
                if (store.fingerprint(article, format).isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }
}
