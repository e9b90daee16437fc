package io.herald.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Elements;

/**
 * Reads an article body written in HTML (a feed's content:encoded, Atom content type="html", a CMS push, rendered
 * Markdown) into Herald's article: sanitised, then split into text paragraphs and photos.
 * <p>
 * Sanitising is jsoup's {@link Safelist#relaxed()}: no script, iframe, object, form or event handler survives, links
 * keep only http, https and mailto, and style attributes are dropped; elements styled to hide their text (display:none,
 * visibility:hidden, zero size or opacity) are removed with their text first, because hidden text in an email is a
 * spam signal and a way to smuggle words past editors. Entities are decoded (&amp;#8211; becomes –). Relative URLs
 * are resolved against the item's link. Each figure becomes a photo with its image, alt text, caption and credit.
 * What remains is text: Herald's emails and teasers never carry the source's markup.
 */
public final class HtmlArticleReader {

    private static final Pattern HIDDEN =
            Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?![.\\d]*[1-9])|"
                    + "opacity\\s*:\\s*0(?![.\\d]*[1-9])|max-height\\s*:\\s*0(?![.\\d]*[1-9])");
    private static final Pattern CREDIT = Pattern.compile(
            "(?iu)^(.*?)[\\s(\\[]*(?:photo\\s+credit|photo|credit|image|source)\\s*:\\s*([^)\\]]+)[)\\]]?\\s*$");
    private static final Pattern WORDPRESS_FOOTER = Pattern.compile("(?iu)^The post .+ appeared first on .+\\.?$");
    private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, dd, dt";

    private final PlainTextArticleReader assembler = new PlainTextArticleReader();

    /** A body fragment with its title and link (which relative URLs are resolved against). */
    public Article read(String title, String html, String url, ArticleMeta meta) {
        String base = url == null ? "" : url;
        Document dirty = Jsoup.parseBodyFragment(html == null ? "" : html, base);
        dirty.select("[style]").forEach(e -> {
            if (HIDDEN.matcher(e.attr("style")).find()) {
                e.remove();
            }
        });
        dirty.select("[hidden], script, style, noscript, template, iframe, object, embed, form, svg, math")
                .remove();
        Document clean = new Cleaner(
                        Safelist.relaxed().addTags("figure", "figcaption").preserveRelativeLinks(false))
                .clean(dirty);

        List<Photo> photos = new ArrayList<>();
        for (Element figure : clean.select("figure")) {
            photo(figure.selectFirst("img"), figure.selectFirst("figcaption")).ifPresent(photos::add);
            figure.remove();
        }
        for (Element img : clean.select("img")) {
            photo(img, null).ifPresent(photos::add);
            img.remove();
        }
        List<String> blocks = new ArrayList<>();
        Elements elements = clean.body().select(BLOCKS);
        for (Element e : elements) {
            if (e.parents().stream().anyMatch(p -> p.is(BLOCKS))
                    || (e.is("blockquote") && !e.select("p").isEmpty())) {
                continue; // its text comes with the block around it, or from its own paragraphs
            }
            addBlock(blocks, e.text());
        }
        if (blocks.isEmpty()) {
            // No block elements: paragraphs are separated by blank lines or <br><br>.
            clean.select("br").after("\n");
            for (String part : clean.body().wholeText().split("\\n\\s*\\n")) {
                addBlock(blocks, part.replaceAll("\\s+", " "));
            }
        }
        String plainTitle = Jsoup.parse(title == null ? "" : title).text();
        ArticleMeta withImage = meta;
        if ((meta.image() == null || !meta.image().hasImage()) && !photos.isEmpty()) {
            withImage = meta.withImage(photos.get(0));
        }
        return assembler.assemble(plainTitle, blocks, photos, url).withMeta(withImage);
    }

    /** A whole HTML page (POST text/html): title, canonical link, author, date and image from its head. */
    public Article readPage(String html, ArticleMeta meta) {
        Document page = Jsoup.parse(html);
        String url = firstAttr(page, "link[rel=canonical]", "abs:href")
                .or(() -> firstAttr(page, "meta[property=og:url]", "content"))
                .orElse(null);
        Element h1 = page.body().selectFirst("h1");
        String title = h1 != null
                ? h1.text()
                : firstAttr(page, "meta[property=og:title]", "content").orElse(page.title());
        if (h1 != null) {
            h1.remove();
        }
        ArticleMeta found = new ArticleMeta(
                firstAttr(page, "meta[name=author]", "content").orElse(meta.author()),
                meta.tags().isEmpty()
                        ? page.select("meta[property=article:tag]").eachAttr("content")
                        : meta.tags(),
                firstAttr(page, "meta[property=article:published_time]", "content")
                        .flatMap(Dates::parse)
                        .orElse(meta.publishedAt()),
                firstAttr(page, "meta[property=og:image]", "content")
                        .map(src -> new Photo(
                                null,
                                null,
                                src,
                                firstAttr(page, "meta[property=og:image:alt]", "content")
                                        .orElse("")))
                        .orElse(meta.image()),
                meta.defaultChannels(),
                firstAttr(page, "html[lang]", "lang").orElse(meta.language()));
        return read(title, page.body().html(), url, found);
    }

    private static void addBlock(List<String> blocks, String text) {
        String t = text.strip();
        if (!t.isEmpty() && !WORDPRESS_FOOTER.matcher(t).matches()) {
            blocks.add(t);
        }
    }

    private static Optional<Photo> photo(Element img, Element figcaption) {
        if (img == null || img.attr("abs:src").isBlank()) {
            return Optional.empty();
        }
        String src = img.attr("abs:src");
        if (!src.matches("(?i)https?://\\S+")) {
            return Optional.empty();
        }
        String alt = img.attr("alt").strip();
        String caption = figcaption == null ? alt : figcaption.text().strip();
        String credit = null;
        Element cite = figcaption == null ? null : figcaption.selectFirst("cite");
        if (cite != null) {
            credit = cite.text().strip();
            caption = caption.replace(cite.text(), "").strip();
        } else {
            Matcher m = CREDIT.matcher(caption);
            if (m.matches()) {
                caption = m.group(1).strip();
                credit = m.group(2).strip();
            }
        }
        return Optional.of(new Photo(caption.isEmpty() ? null : caption, credit, src, alt));
    }

    private static Optional<String> firstAttr(Document page, String css, String attr) {
        Element e = page.selectFirst(css);
        return e == null || e.attr(attr).isBlank()
                ? Optional.empty()
                : Optional.of(e.attr(attr).strip());
    }
}
