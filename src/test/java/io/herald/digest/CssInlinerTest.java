package io.herald.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inliner keeps each style block parsed, so the second document with the same block must come out as the first
 * did (its own elements styled, not the first document's), a changed block must be parsed again, and documents
 * inlined at once on several threads must each get their own styles.
 */
class CssInlinerTest {

    private static final String STYLE = "<style>"
            + "p { color: #222; margin: 0 0 12px; }"
            + " .lead { font-weight: bold; }"
            + " #masthead p { color: #0a4b78; }"
            + " a:hover { color: red; }"
            + " @media (max-width: 600px) { p { margin: 0; } }"
            + "</style>";

    private static String page(String style, String body) {
        return "<!doctype html><html><head>" + style + "</head><body>" + body + "</body></html>";
    }

    @Test
    void aBlockParsedOnceStylesEveryDocumentItMeets() {
        CssInliner inliner = new CssInliner();
        Document first = Jsoup.parse(inliner.inline(page(STYLE, "<div id=masthead><p>Title</p></div><p>Body</p>")));
        Document second = Jsoup.parse(
                inliner.inline(page(STYLE, "<p class=lead style=\"font-size:18px\">Lead</p><p>Other</p><p>Third</p>")));

        assertThat(first.select("#masthead p").attr("style")).isEqualTo("color:#222;margin:0 0 12px;color:#0a4b78;");
        assertThat(first.select("body > p").attr("style")).isEqualTo("color:#222;margin:0 0 12px;");
        // The second document: its own three paragraphs, the rule of a class after the element's, inline last.
        assertThat(second.select("p").eachAttr("style"))
                .containsExactly(
                        "color:#222;margin:0 0 12px;font-weight:bold;font-size:18px",
                        "color:#222;margin:0 0 12px;",
                        "color:#222;margin:0 0 12px;");
        // What cannot be inlined stays in one style block in the head, in both.
        for (Document doc : List.of(first, second)) {
            assertThat(doc.select("head style"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.data())
                            .contains("a:hover")
                            .contains("@media")
                            .doesNotContain(".lead"));
        }
    }

    @Test
    void aChangedBlockIsParsedAgainAndAnUnparseableOneLeftAsWritten() {
        CssInliner inliner = new CssInliner();
        inliner.inline(page(STYLE, "<p>Before</p>"));
        Document changed = Jsoup.parse(inliner.inline(page("<style>p { color: #060; }</style>", "<p>After</p>")));
        assertThat(changed.select("p").attr("style")).isEqualTo("color:#060;");

        String broken = "<style>p { color: </style>";
        for (int i = 0; i < 2; i++) {
            Document doc = Jsoup.parse(inliner.inline(page(broken, "<p>Kept</p>")));
            assertThat(doc.select("p").attr("style")).isEmpty();
            assertThat(doc.select("style"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.data()).isEqualTo("p { color: "));
        }
    }

    @Test
    void moreBlocksThanItKeepsStillEachStyleTheirDocument() {
        CssInliner inliner = new CssInliner();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 40; i++) {
                String color = String.format("#%06x", i);
                Document doc = Jsoup.parse(
                        inliner.inline(page("<style>p { color: " + color + "; }</style>", "<p>" + i + "</p>")));
                assertThat(doc.select("p").attr("style")).isEqualTo("color:" + color + ";");
            }
        }
    }

    @Test
    void documentsInlinedAtOnceOnSeveralThreadsGetTheirOwnStyles() throws Exception {
        CssInliner inliner = new CssInliner();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Document>> docs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = "<div id=masthead><p>T" + i + "</p></div>" + "<p class=lead>L" + i + "</p>";
                docs.add(pool.submit(() -> Jsoup.parse(inliner.inline(page(STYLE, body)))));
            }
            for (int i = 0; i < docs.size(); i++) {
                Document doc = docs.get(i).get();
                assertThat(doc.select("#masthead p").text()).isEqualTo("T" + i);
                assertThat(doc.select("#masthead p").attr("style"))
                        .isEqualTo("color:#222;margin:0 0 12px;color:#0a4b78;");
                assertThat(doc.select("p.lead").attr("style"))
                        .isEqualTo("color:#222;margin:0 0 12px;font-weight:bold;");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
