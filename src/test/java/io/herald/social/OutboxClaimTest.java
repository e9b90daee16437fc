package io.herald.social;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.herald.support.Api;
import io.herald.support.OutboxBacklog;
import io.herald.support.SocialStandIn;
import io.herald.support.SocialStandInResource.InjectSocial;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Two runs of the publish job at once (two nodes, or a misfire) each list the due posts first and take them one by
 * one. A post the other run has meanwhile set to wait (a platform's Retry-After) or whose channel an editor has held
 * is not due any more, and the run that listed it earlier leaves it.
 */
@QuarkusTest
class OutboxClaimTest {

    @InjectSocial
    SocialStandIn social;

    @Inject
    OutboxPublisher publisher;

    @Inject
    OutboxStore store;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void clean() throws Exception {
        OutboxBacklog.setAside(dataSource);
        social.reset();
    }

    @Test
    void aPostThatWaitsForItsRetryOrIsHeldIsNotTakenByARunThatListedItBefore() throws Exception {
        long article = SocialPublishingTest.freshArticle("cable car");
        social.failNext(
                "mastodon",
                "/articles/" + article + "?utm_source=",
                429,
                "{\"error\":\"Too many requests\"}",
                Map.of("Retry-After", "3600"));
        for (String channel : List.of("mastodon", "x")) {
            Api.ops()
                    .post("/api/articles/" + article + "/teasers/" + channel + "/publish")
                    .then()
                    .statusCode(200);
        }
        OutboxPost mastodon = find(article, "mastodon");
        OutboxPost x = find(article, "x");

        // The second run lists what is due; then the first run publishes and an editor holds X.
        List<Long> listed = store.due(Instant.now(), 1000);
        assertThat(listed).contains(mastodon.id(), x.id());
        Api.editor()
                .contentType("application/json")
                .body("{\"held\":true}")
                .put("/api/articles/" + article + "/teasers/x")
                .then()
                .statusCode(200)
                .body("held", is(true));
        Instant firstRun = Instant.now();
        publisher.publishDue();
        assertThat(find(article, "mastodon").state()).isEqualTo(OutboxPost.PENDING);
        assertThat(find(article, "mastodon").nextAttemptAt()).isAfter(firstRun.plusSeconds(3500));
        assertThat(find(article, "x").state()).isEqualTo(OutboxPost.PENDING);

        // The second run reaches the posts it listed: neither is due any more.
        Instant now = Instant.now();
        assertThat(store.claim(mastodon.id(), "again", "second-run", now.plusSeconds(120), now))
                .isFalse();
        assertThat(store.claim(x.id(), "held", "second-run", now.plusSeconds(120), now))
                .isFalse();
        assertThat(find(article, "mastodon").attempts()).isEqualTo(1);
        assertThat(find(article, "x").attempts()).isZero();
        assertThat(SocialPublishingTest.posts(social, "mastodon", article)).isEmpty();
        assertThat(SocialPublishingTest.posts(social, "x", article)).isEmpty();

        // Released, X is due again and is taken.
        Api.editor()
                .contentType("application/json")
                .body("{\"held\":false}")
                .put("/api/articles/" + article + "/teasers/x")
                .then()
                .statusCode(200);
        publisher.publishDue();
        assertThat(find(article, "x").state()).isEqualTo(OutboxPost.PUBLISHED);
        assertThat(SocialPublishingTest.posts(social, "x", article)).hasSize(1);
    }

    private OutboxPost find(long article, String channel) throws Exception {
        return store.forArticle(article).stream()
                .filter(p -> p.channel().equals(channel))
                .findFirst()
                .orElseThrow();
    }
}
