package io.herald.web;

import java.sql.SQLException;

import io.herald.article.Article;
import io.herald.social.Cards;
import io.herald.social.card.CardFormat;

/**
 * The Open Graph and Twitter card tags of a public page (https://ogp.me/, X's summary_large_image): title, lead,
 * address, and the article's landscape card as the image with its description, so a link shared anywhere shows the
 * card. Empty when cards are off.
 */
record OpenGraph(String html) {

    static OpenGraph of(Cards cards, Article article, String pageUrl, String siteName) throws SQLException {
        StringBuilder tags = new StringBuilder();
        tag(tags, "property", "og:type", "article");
        tag(tags, "property", "og:site_name", siteName);
        tag(tags, "property", "og:title", article.title());
        tag(tags, "property", "og:description", article.leadWithoutDateline());
        tag(tags, "property", "og:url", pageUrl);
        tag(tags, "name", "twitter:title", article.title());
        tag(tags, "name", "twitter:description", article.leadWithoutDateline());
        image(tags, cards, article);
        return new OpenGraph(tags.toString());
    }

    /**
     * The tags of a page that is not one article (a list's archive): its title and description, shown with the card of
     * {@code imageOf} (the newest edition's lead) when there is one.
     */
    static OpenGraph website(
            Cards cards, String title, String description, String pageUrl, String siteName, Article imageOf)
            throws SQLException {
        StringBuilder tags = new StringBuilder();
        tag(tags, "property", "og:type", "website");
        tag(tags, "property", "og:site_name", siteName);
        tag(tags, "property", "og:title", title);
        tag(tags, "property", "og:description", description);
        tag(tags, "property", "og:url", pageUrl);
        tag(tags, "name", "twitter:title", title);
        tag(tags, "name", "twitter:description", description);
        if (imageOf == null) {
            tag(tags, "name", "twitter:card", "summary");
        } else {
            image(tags, cards, imageOf);
        }
        return new OpenGraph(tags.toString());
    }

    /** The article's landscape card as the page's image, with its description; a plain summary when cards are off. */
    private static void image(StringBuilder tags, Cards cards, Article article) throws SQLException {
        if (cards.enabled()) {
            String image = cards.publicUrl(article.id(), CardFormat.LANDSCAPE, "png");
            String alt = cards.altText(article.id());
            tag(tags, "property", "og:image", image);
            tag(tags, "property", "og:image:type", "image/png");
            tag(tags, "property", "og:image:width", String.valueOf(CardFormat.LANDSCAPE.width()));
            tag(tags, "property", "og:image:height", String.valueOf(CardFormat.LANDSCAPE.height()));
            tag(tags, "property", "og:image:alt", alt);
            tag(tags, "name", "twitter:card", "summary_large_image");
            tag(tags, "name", "twitter:image", image);
            tag(tags, "name", "twitter:image:alt", alt);
        } else {
            tag(tags, "name", "twitter:card", "summary");
        }
    }

    /** The tags placed before a page's {@code </head>} (an edition's web copy is the email's own HTML). */
    String into(String page) {
        int head = page.indexOf("</head>");
        return head < 0 ? page : page.substring(0, head) + html + page.substring(head);
    }

    private static void tag(StringBuilder out, String attribute, String name, String content) {
        if (content == null || content.isBlank()) {
            return;
        }
        out.append("<meta ")
                .append(attribute)
                .append("=\"")
                .append(name)
                .append("\" content=\"")
                .append(escape(content))
                .append("\">\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
