package io.herald.web;

import java.util.List;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every list the API returns pages: limit and a cursor, the total, and a Link to the next page while there is one. */
@QuarkusTest
class PagingTest {

    static String next(Response r) {
        String link = r.header("Link");
        assertThat(link).as("Link header").isNotNull().endsWith(">; rel=\"next\"");
        return link.substring(1, link.indexOf('>'));
    }

    @Test
    void articlesPageNewestFirstToTheEnd() {
        long a = Api.postArticle("Paging Story One", "ASTANA – The first of three stories for the paging test.");
        long b = Api.postArticle("Paging Story Two", "ASTANA – The second of three stories for the paging test.");
        long c = Api.postArticle("Paging Story Three", "ASTANA – The third of three stories for the paging test.");
        Response first = Api.editor().get("/api/articles?limit=2");
        first.then().statusCode(200);
        long total = Long.parseLong(first.header("X-Total-Count"));
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(first.jsonPath().getList("id", Long.class)).containsExactly(c, b);
        Response second = Api.editor().get(next(first));
        assertThat(second.jsonPath().getList("id", Long.class)).first().isEqualTo(a);
        // Walking every page visits every article once.
        int seen = 0;
        String page = "/api/articles?limit=50";
        while (page != null) {
            Response r = Api.editor().get(page);
            seen += r.jsonPath().getList("$").size();
            page = r.header("Link") == null ? null : next(r);
        }
        assertThat((long) seen).isEqualTo(total);
        Api.editor()
                .get("/api/articles?limit=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.is("limit"));
        Api.editor().get("/api/articles?limit=501").then().statusCode(400);
    }

    @Test
    void outboxFeedsAndListsPageToo() {
        Response lists = Api.editor().get("/api/lists?limit=2");
        lists.then().statusCode(200);
        List<String> ids = lists.jsonPath().getList("id", String.class);
        assertThat(ids).hasSize(2);
        assertThat(Long.parseLong(lists.header("X-Total-Count"))).isGreaterThan(2);
        assertThat(next(lists)).contains("after=" + ids.get(1)).contains("limit=2");
        assertThat(Api.editor()
                        .get(next(lists))
                        .jsonPath()
                        .getList("id", String.class)
                        .get(0))
                .isGreaterThan(ids.get(1));

        Response feeds = Api.editor().get("/api/feeds?limit=1");
        feeds.then().statusCode(200).header("X-Total-Count", org.hamcrest.Matchers.notNullValue());
        Response outbox = Api.editor().get("/api/outbox?limit=1");
        outbox.then().statusCode(200).header("X-Total-Count", org.hamcrest.Matchers.notNullValue());
        assertThat(outbox.jsonPath().getList("$").size()).isLessThanOrEqualTo(1);
    }
}
