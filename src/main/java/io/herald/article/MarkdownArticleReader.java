package io.herald.article;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.herald.common.Refusal;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Reads a Markdown article with a front matter block, as static-site newsrooms (Hugo, Jekyll, Eleventy) write them:
 * title, url, date, author, tags (a list, or a comma-separated line), image. Without a title the first level-one
 * heading is the title. The body is rendered by commonmark-java and read like any HTML body, so the same sanitising
 * applies (raw HTML inside Markdown included).
 */
public final class MarkdownArticleReader {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(YamlFrontMatterExtension.create());
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private final HtmlArticleReader html = new HtmlArticleReader();

    public Article read(String markdown) {
        Node document;
        try {
            document = parser.parse(PlainTextArticleReader.normalise(markdown));
        } catch (RuntimeException e) {
            // commonmark's front matter parser throws on some malformed values (found by fuzzing): refuse, with why.
            throw Refusal.invalid("body", "the Markdown or its front matter cannot be read: " + e);
        }
        YamlFrontMatterVisitor frontMatter = new YamlFrontMatterVisitor();
        document.accept(frontMatter);
        Map<String, List<String>> data = frontMatter.getData();
        String title = first(data, "title");
        if (title == null) {
            Node node = document.getFirstChild();
            while (node != null && !(node instanceof Heading h && h.getLevel() == 1)) {
                node = node.getNext();
            }
            if (node != null) {
                title = text(node);
                node.unlink();
            }
        }
        if (title == null || title.isBlank()) {
            throw Refusal.invalid(
                    "title",
                    "the Markdown has no title: add title: to its front " + "matter or start with a # heading");
        }
        String image = first(data, "image");
        String date = first(data, "date");
        java.util.Optional<java.time.OffsetDateTime> published = Dates.parse(date);
        if (date != null && published.isEmpty()) {
            // A typo in the date would otherwise drop it without a word (and the article would sort as undated).
            throw Refusal.invalid(
                    "date",
                    "date: \"" + date + "\" is not a date; write it as " + "2026-11-28T09:00:00+05:00 or 2026-11-28");
        }
        ArticleMeta meta = new ArticleMeta(
                first(data, "author"),
                tags(data.get("tags")),
                published.orElse(null),
                image == null ? null : new Photo(null, null, image, first(data, "image_alt")),
                List.of(),
                java.util.Optional.ofNullable(first(data, "language")).orElse(first(data, "lang")));
        return html.read(unquote(title), renderer.render(document), first(data, "url"), meta);
    }

    private static String text(Node node) {
        StringBuilder b = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            b.append(child instanceof Text t ? t.getLiteral() : text(child));
        }
        return b.toString();
    }

    private static String first(Map<String, List<String>> data, String key) {
        List<String> values = data.get(key);
        return values == null || values.isEmpty() || values.get(0).isBlank()
                ? null
                : unquote(values.get(0).strip());
    }

    /** tags: [a, b] or "a, b" or a YAML list. */
    private static List<String> tags(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(v -> Arrays.stream(v.replaceAll("^\\[|\\]$", "").split(",")))
                .map(MarkdownArticleReader::unquote)
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
