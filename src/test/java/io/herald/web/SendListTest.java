package io.herald.web;

import java.util.List;

import io.herald.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * GET /api/sends: how a script finds the sends a schedule started. Newest first, a page at a time like every list of
 * the API, by list and by status, each row pointing at its counted report.
 */
@QuarkusTest
class SendListTest {

    private static long dryRun(String title, String list) {
        long article = Api.postArticle(title, "ASTANA – " + title + " happened on Monday, officials said.");
        return Api.startSend("{\"article\":" + article + ",\"list\":\"" + list + "\",\"dryRun\":true}");
    }

    private static List<Long> ids(Response page) {
        return page.jsonPath().getList("id", Long.class);
    }

    @Test
    void sendsAreListedNewestFirstAPageAtATimeByListAndByStatus() {
        long first = dryRun("Send List Story One About the Grain Harvest", "demo");
        long second = dryRun("Send List Story Two About the Grain Harvest", "demo");
        long third = dryRun("Send List Story Three About the Grain Harvest", "frontpage");
        for (long send : List.of(first, second, third)) {
            Api.awaitFinished(send);
        }

        Response page = Api.ops().get("/api/sends?limit=2");
        page.then().statusCode(200);
        List<Long> onFirst = ids(page);
        assertThat(onFirst).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(onFirst.get(0)).isGreaterThanOrEqualTo(third);
        assertThat(Long.parseLong(page.header("X-Total-Count"))).isGreaterThanOrEqualTo(3);
        String link = page.header("Link");
        assertThat(link)
                .contains("before=" + onFirst.get(1))
                .contains("limit=2")
                .endsWith("; rel=\"next\"");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        List<Long> onSecond = ids(Api.ops().get(next));
        assertThat(onSecond).isNotEmpty().allMatch(id -> id < onFirst.get(1));

        JsonPath demo = Api.ops().get("/api/sends?list=demo&limit=500").jsonPath();
        assertThat(demo.getList("list", String.class)).containsOnly("demo");
        assertThat(demo.getList("id", Long.class)).contains(first, second).doesNotContain(third);
        JsonPath row = Api.ops()
                .get("/api/sends?list=frontpage&status=finished&limit=500")
                .jsonPath();
        assertThat(row.getList("status", String.class)).containsOnly("finished");
        int at = row.getList("id", Long.class).indexOf(third);
        assertThat(at).isNotNegative();
        assertThat(row.getString("[" + at + "].location")).isEqualTo("/api/sends/" + third);
        assertThat(row.getBoolean("[" + at + "].dryRun")).isTrue();
        assertThat(row.getString("[" + at + "].startedBy")).isEqualTo("ops");
        assertThat(row.getString("[" + at + "].createdAt")).isNotBlank();
        assertThat(row.getString("[" + at + "].finishedAt")).isNotBlank();
        assertThat(Api.ops()
                        .get("/api/sends?status=paused&list=frontpage")
                        .jsonPath()
                        .getList("id", Long.class))
                .doesNotContain(third);

        Api.ops()
                .get("/api/sends?status=sent")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is("status"))
                .body(
                        "errors[0].reason",
                        is("must be one of planned, sending, paused, finished, cancelled, not \"sent\""));
        Api.ops().get("/api/sends?before=yesterday").then().statusCode(400).body("errors[0].field", is("before"));
        Api.editor().get("/api/sends").then().statusCode(403);
    }

    /** The console shows thirty sends and pages to older ones, the same sends as the API's list. */
    @Test
    void theConsolePagesThroughSendsThirtyAtATime() {
        long total = Long.parseLong(Api.ops().get("/api/sends?limit=1").header("X-Total-Count"));
        List<Long> made = new java.util.ArrayList<>();
        for (long i = total; i < OpsResource.SENDS_SHOWN + 2; i++) {
            made.add(dryRun("Console Paging Story " + i + " About the Wheat Exports", "demo"));
        }
        for (long send : made) {
            Api.awaitFinished(send);
        }

        org.jsoup.nodes.Document first =
                org.jsoup.Jsoup.parse(Api.ops().get("/ops").asString());
        List<Long> shown = shownSends(first);
        assertThat(shown)
                .hasSize(OpsResource.SENDS_SHOWN)
                .isSortedAccordingTo((a, b) -> Long.compare(b, a))
                .isEqualTo(ids(Api.ops().get("/api/sends?limit=" + OpsResource.SENDS_SHOWN)));
        assertThat(first.selectFirst("#newest-sends")).isNull();
        long last = shown.get(shown.size() - 1);
        String older = first.selectFirst("#older-sends").attr("href");
        assertThat(older).isEqualTo("/ops?sends-before=" + last + "#sends");

        org.jsoup.nodes.Document second = org.jsoup.Jsoup.parse(
                Api.ops().get(older.substring(0, older.indexOf('#'))).asString());
        assertThat(shownSends(second))
                .isNotEmpty()
                .allMatch(id -> id < last)
                .isEqualTo(ids(Api.ops().get("/api/sends?limit=" + OpsResource.SENDS_SHOWN + "&before=" + last)));
        assertThat(second.selectFirst("#newest-sends").attr("href")).isEqualTo("/ops#sends");
    }

    private static List<Long> shownSends(org.jsoup.nodes.Document page) {
        return page.select("tr[id^=send-]").stream()
                .map(row -> Long.parseLong(row.id().substring("send-".length())))
                .toList();
    }
}
